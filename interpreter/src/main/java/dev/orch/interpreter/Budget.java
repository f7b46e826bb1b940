package dev.orch.interpreter;

import dev.orch.compiler.plan.BudgetSpec;

/**
 * The run's ceiling on tokens and cost. Before a call, its worst case is reserved (so concurrent calls cannot
 * overshoot together); after it, the reservation is replaced by the real usage. A call whose worst case does not
 * fit is refused, and once real usage reaches the ceiling every further call is.
 */
final class Budget {
    private final Long maxTokens;
    private final Double maxCost;
    private long tokens;
    private double cost;
    private long reservedTokens;
    private double reservedCost;

    Budget(BudgetSpec spec) {
        this.maxTokens = spec == null ? null : spec.tokens();
        this.maxCost = spec == null ? null : spec.cost();
    }

    /** Null when the call may go ahead (and is now reserved); else why not. */
    synchronized String reserve(long worstTokens, double worstCost) {
        if (maxTokens != null && tokens + reservedTokens + worstTokens > maxTokens) {
            return "the budget of " + maxTokens + " tokens would be exceeded: " + tokens + " used, "
                    + reservedTokens + " reserved by running calls, and this call may use " + worstTokens;
        }
        if (maxCost != null && cost + reservedCost + worstCost > maxCost + 1e-12) {
            return String.format(java.util.Locale.ROOT, "the budget of $%.2f would be exceeded: $%.4f spent and this call may cost $%.4f",
                    maxCost, cost + reservedCost, worstCost);
        }
        reservedTokens += worstTokens;
        reservedCost += worstCost;
        return null;
    }

    /** Replaces a reservation by what the call really used (zero when it failed). */
    synchronized void settle(long worstTokens, double worstCost, long usedTokens, double usedCost) {
        reservedTokens -= worstTokens;
        reservedCost -= worstCost;
        tokens += usedTokens;
        cost += usedCost;
    }

    synchronized double cost() {
        return cost;
    }
}

package dev.orch.stdlib.provider.limit;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.BudgetSpec;
import dev.orch.stdlib.provider.ProviderException;

/**
 * `budget { tokens: N, cost: X }`: the run's ceiling. Before a call, {@link #reserve} sets aside its worst case
 * (input estimate plus max tokens, priced); if that would pass a ceiling the call fails with `budget` and is never
 * sent. After it, {@link Reservation#settle} replaces the reservation with what the provider reported, so parallel
 * calls cannot together overspend what each alone would fit in. Thread-safe.
 */
public final class Budget {
    private final Long maxTokens;
    private final Double maxCost;
    private long tokensSpent;
    private double costSpent;
    private long tokensHeld;
    private double costHeld;

    /** Either ceiling may be null (unbounded). */
    public Budget(Long maxTokens, Double maxCost) {
        this.maxTokens = maxTokens;
        this.maxCost = maxCost;
    }

    public static Budget of(BudgetSpec spec) {
        return spec == null ? unlimited() : new Budget(spec.tokens(), spec.cost());
    }

    public static Budget unlimited() {
        return new Budget(null, null);
    }

    public synchronized Reservation reserve(long tokens, double cost) throws ProviderException {
        if (maxTokens != null && tokensSpent + tokensHeld + tokens > maxTokens) {
            throw exceeded("tokens", maxTokens + " tokens", tokensSpent + " spent", tokens + " more");
        }
        if (maxCost != null && costSpent + costHeld + cost > maxCost + 1e-12) {
            throw exceeded("cost", dollars(maxCost), dollars(costSpent) + " spent", "up to " + dollars(cost) + " more");
        }
        tokensHeld += tokens;
        costHeld += cost;
        return new Reservation(tokens, cost);
    }

    public synchronized long tokensSpent() {
        return tokensSpent;
    }

    public synchronized double costSpent() {
        return costSpent;
    }

    /** True when real usage has passed a ceiling (a reply longer than its reservation can do that). */
    public synchronized boolean overspent() {
        return maxTokens != null && tokensSpent > maxTokens || maxCost != null && costSpent > maxCost + 1e-12;
    }

    private ProviderException exceeded(String what, String ceiling, String spent, String needed) {
        String inFlight = tokensHeld > 0 ? ", with calls in flight holding " + tokensHeld + " tokens" : "";
        return new ProviderException(ErrorKind.BUDGET, "the budget of " + ceiling + " would be exceeded: " + spent
                + inFlight + ", and this call may need " + needed + " (" + what + ")");
    }

    private static String dollars(double amount) {
        return Dollars.show(amount);
    }

    private synchronized void settled(Reservation r, long tokens, double cost) {
        tokensHeld -= r.tokens;
        costHeld -= r.cost;
        tokensSpent += tokens;
        costSpent += cost;
    }

    /** Worst case held for one call; settle it once, with the real usage (0 when nothing was used). */
    public final class Reservation {
        private final long tokens;
        private final double cost;
        private boolean settled;

        private Reservation(long tokens, double cost) {
            this.tokens = tokens;
            this.cost = cost;
        }

        public void settle(long tokensUsed, double costUsed) {
            synchronized (Budget.this) {
                if (settled) return;
                settled = true;
                settled(this, tokensUsed, costUsed);
            }
        }

        public void release() {
            settle(0, 0);
        }
    }
}

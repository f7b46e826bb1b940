package dev.orch.interpreter;

import dev.orch.compiler.plan.BudgetSpec;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.limit.Budget;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * What the run has spent on model calls (calls, tokens in and out, dollars) and its `budget`: each call reserves its
 * worst case before it is sent and settles with the provider's real usage after, so parallel calls cannot together
 * pass the ceiling.
 */
final class Spending {
    private final Budget budget;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong tokensIn = new AtomicLong();
    private final AtomicLong tokensOut = new AtomicLong();
    private final DoubleAdder cost = new DoubleAdder();

    Spending(BudgetSpec spec) {
        this.budget = Budget.of(spec);
    }

    /** Fails with `budget` when the worst case does not fit. */
    Budget.Reservation reserve(long worstTokens, double worstCost) throws ProviderException {
        return budget.reserve(worstTokens, worstCost);
    }

    /** A call goes to its model (whether it then succeeds or not). */
    void called() {
        calls.incrementAndGet();
    }

    /** Settles the reservation with the real usage; true when that usage passed the ceiling. */
    boolean spent(Budget.Reservation reservation, long in, long out, double dollars) {
        tokensIn.addAndGet(in);
        tokensOut.addAndGet(out);
        cost.add(dollars);
        reservation.settle(in + out, dollars);
        return budget.overspent();
    }

    long calls() {
        return calls.get();
    }

    long tokensIn() {
        return tokensIn.get();
    }

    long tokensOut() {
        return tokensOut.get();
    }

    double cost() {
        return cost.sum();
    }
}

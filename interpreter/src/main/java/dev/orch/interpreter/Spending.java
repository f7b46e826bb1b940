package dev.orch.interpreter;

import dev.orch.compiler.plan.BudgetSpec;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.limit.Budget;
import dev.orch.stdlib.provider.limit.Monitor;
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

    /** {@code monitor}: how a call waits for calls in flight to settle (the engine's). */
    Spending(BudgetSpec spec, Monitor monitor) {
        this.budget = Budget.of(spec, monitor);
    }

    /** Waits while the worst case does not fit beside calls in flight; fails with `budget` when it never will. */
    Budget.Reservation reserve(long worstTokens, double worstCost) throws ProviderException, InterruptedException {
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

    /**
     * A reply replayed from the journal on resume: the run paid for it before, so it counts in the totals and
     * against the budget (which is for the whole run), though no call is made now.
     */
    void replayed(long in, long out, double dollars) {
        tokensIn.addAndGet(in);
        tokensOut.addAndGet(out);
        cost.add(dollars);
        budget.spentBefore(in + out, dollars);
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

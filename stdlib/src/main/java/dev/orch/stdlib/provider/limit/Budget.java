package dev.orch.stdlib.provider.limit;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.BudgetSpec;
import dev.orch.stdlib.provider.ProviderException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * `budget { tokens: N, cost: X }`: the run's ceiling. Before a call, {@link #reserve} sets aside its worst case
 * (input estimate plus max tokens, priced). After it, {@link Reservation#settle} replaces the reservation with what
 * the provider reported, so parallel calls cannot together overspend what each alone would fit in.
 *
 * <p>Whether a call fails never depends on concurrency: a call fails with `budget` only when what was really spent
 * plus its own worst case passes a ceiling. One that would fit alone but not beside the reservations in flight
 * waits for them to settle, in arrival order (FIFO, so a large call is not starved by smaller ones behind it), and
 * so a `parallel for` under a budget spends what `parallel max 1` would. Thread-safe; its waits go through a
 * {@link Monitor}, so a durable engine can wait its own way.
 */
public final class Budget {
    private final Monitor monitor;
    private final Long maxTokens;
    private final Double maxCost;
    private long tokensSpent;
    private double costSpent;
    private long tokensHeld;
    private double costHeld;
    // Callers waiting to be admitted, oldest first; only the head may take a reservation.
    private final Deque<Object> waiting = new ArrayDeque<>();
    // What every call holds when there is no ceiling: settling it does nothing.
    private final Reservation free;

    /** Either ceiling may be null (unbounded). */
    public Budget(Long maxTokens, Double maxCost) {
        this(maxTokens, maxCost, Monitor.local());
    }

    public Budget(Long maxTokens, Double maxCost, Monitor monitor) {
        this.maxTokens = maxTokens;
        this.maxCost = maxCost;
        this.monitor = monitor;
        this.free = new Reservation(0, 0);
    }

    public static Budget of(BudgetSpec spec) {
        return of(spec, Monitor.local());
    }

    public static Budget of(BudgetSpec spec, Monitor monitor) {
        return spec == null ? new Budget(null, null, monitor) : new Budget(spec.tokens(), spec.cost(), monitor);
    }

    public static Budget unlimited() {
        return new Budget(null, null);
    }

    /**
     * Holds the worst case of one call, waiting while it does not fit beside the calls in flight; fails with
     * `budget` as soon as it could not fit even alone (spent only grows, so waiting would not help).
     */
    public Reservation reserve(long tokens, double cost) throws ProviderException, InterruptedException {
        if (noCeiling()) return free;
        monitor.lock();
        try {
            return admit(tokens, cost);
        } finally {
            monitor.unlock();
        }
    }

    /**
     * Without a ceiling nothing waits or fails, so no account is kept: a call takes no lock (three per call were the
     * run's most contended lock in a 100,000-call fan-out) and what it spent is only in the run's totals.
     */
    private boolean noCeiling() {
        return maxTokens == null && maxCost == null;
    }

    private Reservation admit(long tokens, double cost) throws ProviderException, InterruptedException {
        Object me = new Object();
        waiting.addLast(me);
        try {
            while (true) {
                if (maxTokens != null && tokensSpent + tokens > maxTokens) {
                    throw exceeded("tokens", maxTokens + " tokens", tokensSpent + " spent", tokens + " more");
                }
                if (maxCost != null && costSpent + cost > maxCost + 1e-12) {
                    throw exceeded("cost", dollars(maxCost), dollars(costSpent) + " spent", "up to " + dollars(cost) + " more");
                }
                boolean fits = (maxTokens == null || tokensSpent + tokensHeld + tokens <= maxTokens)
                        && (maxCost == null || costSpent + costHeld + cost <= maxCost + 1e-12);
                if (fits && waiting.peekFirst() == me) return hold(tokens, cost);
                monitor.await();
            }
        } finally {
            waiting.remove(me);
            monitor.signalAll(); // the next in line may fit now, or must learn that it never will
        }
    }

    private <T> T locked(java.util.function.Supplier<T> read) {
        monitor.lock();
        try {
            return read.get();
        } finally {
            monitor.unlock();
        }
    }

    /** Usage that was paid for without a reservation (a reply replayed from the journal): it counts as spent. */
    public void spentBefore(long tokens, double cost) {
        if (noCeiling()) return;
        monitor.lock();
        try {
            tokensSpent += tokens;
            costSpent += cost;
            monitor.signalAll();
        } finally {
            monitor.unlock();
        }
    }

    /** How many calls wait to be admitted now (each of them is parked until a settlement lets it in or fails it). */
    public int waiting() {
        return locked(waiting::size);
    }

    /** What calls in flight hold now: never more than the ceiling. */
    public long tokensHeld() {
        return locked(() -> tokensHeld);
    }

    private Reservation hold(long tokens, double cost) {
        tokensHeld += tokens;
        costHeld += cost;
        return new Reservation(tokens, cost);
    }

    /** What was really spent, settled and replayed (kept only under a ceiling). */
    public long tokensSpent() {
        return locked(() -> tokensSpent);
    }

    public double costSpent() {
        return locked(() -> costSpent);
    }

    /** True when real usage has passed a ceiling (a reply longer than its reservation can do that). */
    public boolean overspent() {
        if (noCeiling()) return false;
        return locked(() -> maxTokens != null && tokensSpent > maxTokens || maxCost != null && costSpent > maxCost + 1e-12);
    }

    private ProviderException exceeded(String what, String ceiling, String spent, String needed) {
        return new ProviderException(ErrorKind.BUDGET, "the budget of " + ceiling + " would be exceeded: " + spent
                + ", and this call may need " + needed + " (" + what + ")");
    }

    private static String dollars(double amount) {
        return Dollars.show(amount);
    }

    private void settled(Reservation r, long tokens, double cost) {
        tokensHeld -= r.tokens;
        costHeld -= r.cost;
        tokensSpent += tokens;
        costSpent += cost;
        monitor.signalAll();
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
            if (this == free) return;
            monitor.lock();
            try {
                if (settled) return;
                settled = true;
                settled(this, tokensUsed, costUsed);
            } finally {
                monitor.unlock();
            }
        }

        public void release() {
            settle(0, 0);
        }
    }
}

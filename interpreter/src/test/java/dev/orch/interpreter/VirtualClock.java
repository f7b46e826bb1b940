package dev.orch.interpreter;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A run's clock that jumps instead of waiting: a sleep moves time on at once, running the timers that fall due on
 * the way (a `timeout` block's deadline, which interrupts its owner). So retry backoff, breaker cooldowns and
 * deadlines of minutes take no wall time, and a run's duration is exactly what its script waited. Meant for
 * scripts whose waits do not race each other: two branches that sleep at once both move the one clock on.
 */
final class VirtualClock implements RunClock {
    private static final Instant START = Instant.parse("2026-12-02T12:00:00Z");
    private static final long ORIGIN = 1_000_000_000_000L;

    private record Pending(long due, long order, Runnable action) {}

    private final PriorityQueue<Pending> timers = new PriorityQueue<>((a, b) -> a.due != b.due
            ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
    private long now = ORIGIN;
    private long created;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Instant instant() {
        return START.plusNanos(now - ORIGIN);
    }

    /** How long the run has waited on this clock. */
    synchronized Duration elapsed() {
        return Duration.ofNanos(now - ORIGIN);
    }

    @Override
    public synchronized Timer after(long millis, Runnable action) {
        Pending p = new Pending(now + Math.max(0, millis) * 1_000_000, created++, action);
        timers.add(p);
        return () -> {
            synchronized (VirtualClock.this) {
                timers.remove(p);
            }
        };
    }

    @Override
    public void sleepUntil(long deadline) throws InterruptedException {
        if (deadline - nanoTime() <= 0) return;
        if (Thread.interrupted()) throw new InterruptedException();
        while (true) {
            Pending next;
            synchronized (this) {
                next = timers.peek();
                if (next == null || next.due - deadline > 0) {
                    now = Math.max(now, deadline);
                    return;
                }
                timers.poll();
                now = Math.max(now, next.due);
            }
            next.action.run();
            if (Thread.interrupted()) throw new InterruptedException();
        }
    }
}

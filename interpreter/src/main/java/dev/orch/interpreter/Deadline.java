package dev.orch.interpreter;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts the thread that opened it when time runs out, unless closed first. The interrupt cancels whatever the
 * thread is doing (a provider call, a sleep, the join of child tasks, which cancels them in turn); the owner then
 * turns the resulting `cancelled` into `timeout` by asking {@link #fired()}.
 */
final class Deadline implements AutoCloseable {
    private final Thread owner = Thread.currentThread();
    private final ScheduledFuture<?> timer;
    private boolean fired;
    private boolean closed;

    Deadline(ScheduledExecutorService scheduler, long millis) {
        this.timer = scheduler.schedule(this::fire, Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    private synchronized void fire() {
        if (closed) return;
        fired = true;
        owner.interrupt();
    }

    synchronized boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        boolean clear;
        synchronized (this) {
            closed = true;
            clear = fired;
        }
        timer.cancel(false);
        // The timer may have fired just as the work finished; the interrupt is ours, so take it back.
        if (clear) Thread.interrupted();
    }
}

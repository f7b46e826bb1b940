package dev.orch.interpreter;

/**
 * The local engine's deadline: interrupts the thread that opened it when time runs out, unless closed first. The
 * interrupt cancels whatever the thread is doing (a provider call, a sleep, the join of child tasks, which cancels
 * them in turn); the owner then turns the resulting `cancelled` into `timeout` by asking {@link #fired()}.
 */
final class LocalDeadline implements Engine.Deadline, AutoCloseable {
    private final Thread owner = Thread.currentThread();
    private final RunClock.Timer timer;
    private boolean fired;
    private boolean closed;

    LocalDeadline(RunClock clock, long millis) {
        this.timer = clock.after(Math.max(0, millis), this::fire);
    }

    private synchronized void fire() {
        if (closed) return;
        fired = true;
        owner.interrupt();
    }

    @Override
    public synchronized boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        boolean clear;
        synchronized (this) {
            closed = true;
            clear = fired;
        }
        timer.cancel();
        // The timer may have fired just as the work finished; the interrupt is ours, so take it back.
        if (clear) Thread.interrupted();
    }
}

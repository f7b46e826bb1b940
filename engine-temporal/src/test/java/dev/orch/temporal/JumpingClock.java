package dev.orch.temporal;

import dev.orch.interpreter.RunClock;
import java.time.Instant;
import java.util.TimerTask;

/**
 * A local run's clock whose sleeps jump instead of waiting (an hour's `sleep` takes no wall time); calls and timers
 * take real time. For scripts with one branch sleeping at a time, as the Temporal test service skips time.
 */
final class JumpingClock implements RunClock {
    private final java.util.Timer timers = new java.util.Timer("jumping-clock", true);
    private final long origin = System.nanoTime();
    private final Instant start = Instant.now();
    private volatile long jumped;

    @Override
    public long nanoTime() {
        return System.nanoTime() + jumped;
    }

    @Override
    public Instant instant() {
        return start.plusNanos(nanoTime() - origin);
    }

    @Override
    public synchronized void sleepUntil(long deadlineNanos) {
        long ahead = deadlineNanos - nanoTime();
        if (ahead > 0) jumped += ahead;
    }

    @Override
    public Timer after(long millis, Runnable action) {
        TimerTask task = new TimerTask() {
            @Override
            public void run() {
                action.run();
            }
        };
        timers.schedule(task, Math.max(0, millis));
        return task::cancel;
    }
}

package dev.orch.interpreter;

import dev.orch.stdlib.provider.limit.TimeSource;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The machine's clock, with one daemon timer thread per run for deadlines, stopped when the run ends. */
final class SystemClock implements RunClock, AutoCloseable {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "orch-timer");
        t.setDaemon(true);
        return t;
    });

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleepUntil(long deadlineNanos) throws InterruptedException {
        TimeSource.SYSTEM.sleepUntil(deadlineNanos);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public Timer after(long millis, Runnable action) {
        ScheduledFuture<?> f = timers.schedule(action, Math.max(0, millis), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}

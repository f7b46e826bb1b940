package dev.orch.interpreter;

import dev.orch.stdlib.provider.limit.TimeSource;
import java.time.Instant;

/**
 * The run's time, from its engine: monotonic nanoseconds for durations, breakers and the events' stamps, the wall
 * time for questions' timeouts, sleeping (retry backoff, `sleep()`) and timers (a `timeout` block's deadline). A
 * test gives a clock that jumps instead of waiting; Temporal gives the workflow's own clock.
 */
public interface RunClock extends TimeSource {
    Instant instant();

    /** Runs {@code action} once {@code millis} have passed, unless the timer is cancelled first. */
    Timer after(long millis, Runnable action);

    default void sleep(long millis) throws InterruptedException {
        sleepUntil(nanoTime() + Math.max(0, millis) * 1_000_000);
    }

    default long millisSince(long startNanos) {
        return (nanoTime() - startNanos) / 1_000_000;
    }

    interface Timer {
        void cancel();
    }
}

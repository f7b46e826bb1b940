package dev.orch.temporal;

import dev.orch.interpreter.RunClock;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * The workflow's clock: the time Temporal recorded for the current workflow task, its durable timers and sleeps. A
 * replay sees the same times, so the interpreter's durations, deadlines and backoff replay as they ran; a run that
 * continued as new reads the old run's times from its {@link Timeline} where the old run read them. Waiting compares
 * a deadline with the real time, so a sleep that had passed before the run continued as new does not wait again.
 */
final class WorkflowClock implements RunClock {
    private final Timeline timeline;

    WorkflowClock(Timeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public long nanoTime() {
        return timeline.millis() * 1_000_000;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(timeline.millis());
    }

    @Override
    public void sleepUntil(long deadlineNanos) throws InterruptedException {
        long millis = untilMillis(deadlineNanos);
        if (millis <= 0) return;
        try {
            Workflow.sleep(Duration.ofMillis(millis));
        } catch (CanceledFailure e) {
            throw new InterruptedException("cancelled");
        }
    }

    @Override
    public Timer after(long millis, Runnable action) {
        return at(nanoTime() + Math.max(0, millis) * 1_000_000, action);
    }

    /** Runs {@code action} once the clock reaches {@code deadlineNanos} (at once, on the next task, if it has). */
    Timer at(long deadlineNanos, Runnable action) {
        long millis = Math.max(1, untilMillis(deadlineNanos));
        // Detached: the timer belongs to whoever set it, not to the scope it cancels.
        CancellationScope scope = Workflow.newDetachedCancellationScope(() -> Workflow.newTimer(Duration.ofMillis(millis))
                .thenApply(fired -> {
                    timeline.outside(action);
                    return null;
                }));
        scope.run();
        return scope::cancel;
    }

    private static long untilMillis(long deadlineNanos) {
        return (deadlineNanos - Workflow.currentTimeMillis() * 1_000_000 + 999_999) / 1_000_000;
    }
}

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
    /** Timers set with their deadline already passed (measured from the old run's readings) that have not yet fired. */
    private int overdue;

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
        long until = untilMillis(deadlineNanos);
        boolean[] pending = {until < 0};
        if (pending[0]) overdue++;
        Runnable settled = () -> {
            if (pending[0]) overdue--;
            pending[0] = false;
        };
        // Detached: the timer belongs to whoever set it, not to the scope it cancels.
        CancellationScope scope = Workflow.newDetachedCancellationScope(() -> Workflow.newTimer(
                Duration.ofMillis(Math.max(1, until))).thenApply(fired -> {
                    settled.run();
                    timeline.outside(action);
                    return null;
                }));
        scope.run();
        return () -> {
            scope.cancel();
            settled.run();
        };
    }

    /**
     * Returns once every timer set with its deadline already passed has fired or been cancelled. In the run this one
     * continued each fired before anything that run had not finished began, so a new activity waits for them: a
     * `timeout` that had stopped a call cancels it again before it is scheduled, instead of just after.
     */
    void awaitOverdue() {
        if (overdue > 0) Workflow.await(() -> overdue == 0);
    }

    private static long untilMillis(long deadlineNanos) {
        return (deadlineNanos - Workflow.currentTimeMillis() * 1_000_000 + 999_999) / 1_000_000;
    }
}

package dev.orch.temporal;

import dev.orch.interpreter.RunClock;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * The workflow's clock: the time Temporal recorded for the current workflow task, its durable timers and sleeps. A
 * replay sees the same times, so the interpreter's durations, deadlines and backoff replay as they ran.
 */
final class WorkflowClock implements RunClock {
    @Override
    public long nanoTime() {
        return Workflow.currentTimeMillis() * 1_000_000;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }

    @Override
    public void sleepUntil(long deadlineNanos) throws InterruptedException {
        long millis = (deadlineNanos - nanoTime() + 999_999) / 1_000_000;
        if (millis <= 0) return;
        try {
            Workflow.sleep(Duration.ofMillis(millis));
        } catch (CanceledFailure e) {
            throw new InterruptedException("cancelled");
        }
    }

    @Override
    public Timer after(long millis, Runnable action) {
        // Detached: the timer belongs to whoever set it, not to the scope it cancels.
        CancellationScope scope = Workflow.newDetachedCancellationScope(() -> Workflow.newTimer(Duration.ofMillis(Math.max(1, millis)))
                .thenApply(fired -> {
                    action.run();
                    return null;
                }));
        scope.run();
        return scope::cancel;
    }
}

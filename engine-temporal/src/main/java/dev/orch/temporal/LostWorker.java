package dev.orch.temporal;

import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.function.Supplier;

/**
 * A call whose worker died (killed, out of memory, its machine gone) is not a failure of the call: Temporal notices
 * the missing heartbeats ({@link Heartbeat#TIMEOUT}) and the workflow schedules the same activity again, for any
 * worker on the task queue to take. It is not one of Orch's `retry` attempts, and a call that failed on a live
 * worker keeps its error kind. A call that finished is never scheduled again: its result is in the history.
 */
final class LostWorker {
    /** A call that takes its worker down every time (a reply too big for its memory) ends as a timeout after this. */
    static final int MOST_LOSSES = 5;

    private LostWorker() {}

    static <T> T rescheduling(Supplier<T> activity) {
        for (int losses = 1; ; losses++) {
            try {
                return activity.get();
            } catch (ActivityFailure f) {
                if (!lost(f) || losses >= MOST_LOSSES) throw f;
            }
        }
    }

    static String message() {
        return "the call's worker fell silent (no heartbeat for " + Heartbeat.TIMEOUT.toSeconds() + "s) " + MOST_LOSSES
                + " times: each worker that took it was lost";
    }

    static boolean lost(ActivityFailure f) {
        return f.getCause() instanceof TimeoutFailure t && t.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_HEARTBEAT;
    }
}

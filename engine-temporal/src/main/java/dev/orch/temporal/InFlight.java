package dev.orch.temporal;

import io.temporal.workflow.Workflow;
import java.util.function.Supplier;

/**
 * The activities a run has scheduled and not yet seen end, kept under a cap: Temporal fails a workflow task that
 * would have more than 2,000 pending, so a fan-out of 2,500 calls runs 1,000 at a time, each waiting branch a
 * workflow thread in Workflow.await. Closing it lets what is in flight end and schedules nothing more (the run is
 * about to continue as new).
 */
final class InFlight {
    /** Half of Temporal's default limit of pending activities, leaving room for what else a workflow schedules. */
    static final int CAP = 1_000;

    private final int cap;
    private int now;
    private int most;
    private boolean closed;

    InFlight(int cap) {
        this.cap = cap;
    }

    /** Runs {@code activity} when there is room; a CanceledFailure when the waiting branch is cancelled. */
    String run(Supplier<String> activity) {
        if (closed || now >= cap) Workflow.await(() -> !closed && now < cap);
        now++;
        most = Math.max(most, now);
        try {
            return activity.get();
        } finally {
            now--;
        }
    }

    int now() {
        return now;
    }

    /** The most that were in flight at once in this run. */
    int most() {
        return most;
    }

    boolean closed() {
        return closed;
    }

    /** Schedules nothing more and returns once what is in flight has ended. */
    void drain() {
        closed = true;
        Workflow.await(() -> now == 0);
    }
}

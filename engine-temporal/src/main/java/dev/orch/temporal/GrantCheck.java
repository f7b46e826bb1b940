package dev.orch.temporal;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/** Asks a worker, before the run starts, which of the grants the plan needs it does not give (decision 14). */
final class GrantCheck {
    private GrantCheck() {}

    /** The refusal's text, or null when the worker grants everything {@code needed}. */
    static String refusal(List<String> needed) {
        if (needed == null || needed.isEmpty()) return null;
        OrchActivities worker = Workflow.newActivityStub(OrchActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .build());
        List<String> missing = worker.missingGrants(needed);
        return missing.isEmpty() ? null : WorkerGrants.refusal(missing);
    }
}

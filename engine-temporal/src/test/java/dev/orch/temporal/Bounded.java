package dev.orch.temporal;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an Orch workflow and waits for its outcome, but not forever: a run that hangs fails its test within
 * {@link #LIMIT} (of real time, which the test service's time skipping does not shorten), naming the run and saying
 * where its workflow threads wait, instead of blocking the build.
 */
final class Bounded {
    /** The longest a run here takes on a loaded machine (the fan-outs of 2,500 calls) is well under this. */
    static final Duration LIMIT = Duration.ofMinutes(3);

    private Bounded() {
    }

    /** Starts {@code run} with {@code input} and returns its outcome; {@code what} names the run in the failure. */
    static RunOutcome run(WorkflowClient client, OrchWorkflow run, RunInput input, String what) {
        WorkflowClient.start(run::run, input);
        return outcome(client, run, what);
    }

    /** The outcome of {@code run}, already started. */
    static RunOutcome outcome(WorkflowClient client, OrchWorkflow run, String what) {
        WorkflowStub stub = WorkflowStub.fromTyped(run);
        try {
            return stub.getResult(LIMIT.toSeconds(), TimeUnit.SECONDS, RunOutcome.class);
        } catch (TimeoutException e) {
            String threads = stackTrace(stub);
            String workflowId = stub.getExecution().getWorkflowId();
            List<HistoryEvent> events = client.fetchHistory(workflowId).getEvents();
            stub.terminate("did not end within " + LIMIT);
            throw new AssertionError("the Temporal run of " + what + " did not end within " + LIMIT.toMinutes() + " minutes;"
                    + " its history ends with " + lastOf(events) + "; its last workflow task failure: " + lastTaskFailure(events)
                    + "; its workflow threads:\n" + threads, e);
        }
    }

    private static String stackTrace(WorkflowStub stub) {
        try {
            return stub.query("__stack_trace", String.class);
        } catch (RuntimeException e) {
            return "(the stack trace query failed: " + e + ")";
        }
    }

    /** A history that ends with a workflow task started says the task's completion never reached the history. */
    private static String lastOf(List<HistoryEvent> events) {
        HistoryEvent last = events.getLast();
        return last.getEventType() + " (event " + last.getEventId() + " of " + events.size() + ")";
    }

    private static String lastTaskFailure(List<HistoryEvent> events) {
        return events.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED).reduce((a, b) -> b)
                .map(e -> e.getWorkflowTaskFailedEventAttributes().getFailure().getMessage()).orElse("none");
    }
}

package dev.orch.temporal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** An Orch run as a Temporal workflow. */
@WorkflowInterface
public interface OrchWorkflow {
    @WorkflowMethod(name = "orch_run")
    RunOutcome run(RunInput input);

    /** A person's answer to the run's pending `ask`. */
    @SignalMethod(name = "answer")
    void answer(String text);

    /** What the run has printed so far. */
    @QueryMethod(name = "stdout")
    String stdout();
}

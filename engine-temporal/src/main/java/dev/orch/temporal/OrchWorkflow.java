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

    /** A person's answer to the pending `ask` {@code question} (`q1`, ...), or to the only one when null. */
    @SignalMethod(name = "answer")
    void answer(String text, String question);

    /** What the run has printed so far. */
    @QueryMethod(name = "stdout")
    String stdout();

    /** The run's events from {@code eventsFrom} and what it printed from byte {@code stdoutFrom}, with its questions. */
    @QueryMethod(name = "progress")
    RunProgress progress(int eventsFrom, long stdoutFrom);
}

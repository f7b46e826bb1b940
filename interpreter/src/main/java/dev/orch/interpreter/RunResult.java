package dev.orch.interpreter;

import dev.orch.interpreter.store.Question;
import dev.orch.stdlib.value.Value;
import java.util.List;

/**
 * How a run ended: the value `main` returned (null when it returned none), the error that stopped it, or the
 * questions it stopped to wait on (`ask` with nobody to answer: the run is `waiting`); and what it spent: model
 * calls made, tokens in and out, dollars.
 */
public record RunResult(String runId, Value result, RunError error, long ms, long tokensIn, long tokensOut, double cost,
                        long calls, List<Question> waiting) {
    /** The word a run that waits ends with, in the trace's run_finished and a phase's outcome. */
    public static final String WAITING = "waiting";

    public RunResult {
        waiting = waiting == null ? List.of() : List.copyOf(waiting);
    }

    public RunResult(String runId, Value result, RunError error, long ms, long tokensIn, long tokensOut, double cost, long calls) {
        this(runId, result, error, ms, tokensIn, tokensOut, cost, calls, List.of());
    }

    /** Finished without an error and without waiting. */
    public boolean ok() {
        return error == null && waiting.isEmpty();
    }

    public boolean waits() {
        return error == null && !waiting.isEmpty();
    }
}

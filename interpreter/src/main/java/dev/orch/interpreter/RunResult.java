package dev.orch.interpreter;

import dev.orch.stdlib.value.Value;

/** How a run ended: the value `main` returned (null when it returned none), or the error that stopped it. */
public record RunResult(String runId, Value result, RunError error, long ms, long tokensIn, long tokensOut, double cost) {
    public boolean ok() {
        return error == null;
    }
}

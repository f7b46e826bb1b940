package dev.orch.interpreter;

import dev.orch.stdlib.value.Value;

/**
 * How a run ended: the value `main` returned (null when it returned none), or the error that stopped it; and what it
 * spent: model calls made, tokens in and out, dollars.
 */
public record RunResult(String runId, Value result, RunError error, long ms, long tokensIn, long tokensOut, double cost,
                        long calls) {
    public boolean ok() {
        return error == null;
    }
}

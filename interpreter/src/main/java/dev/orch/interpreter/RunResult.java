package dev.orch.interpreter;

import dev.orch.stdlib.value.Value;

/**
 * How a run ended: the value `main` returned (null when it returned none), or the error that stopped it; and what it
 * spent: model calls made, tokens in and out, dollars. {@code expectationFailed}: the error is a test's `expect`
 * that did not hold (its message shows the values), not a failure of the script.
 */
public record RunResult(String runId, Value result, RunError error, long ms, long tokensIn, long tokensOut, double cost,
                        long calls, boolean expectationFailed) {
    public RunResult(String runId, Value result, RunError error, long ms, long tokensIn, long tokensOut, double cost,
                     long calls) {
        this(runId, result, error, ms, tokensIn, tokensOut, cost, calls, false);
    }

    public boolean ok() {
        return error == null;
    }
}

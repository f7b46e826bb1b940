package dev.orch.temporal;

import java.util.List;

/**
 * What starts a run on Temporal: the plan as `orch compile` writes it and its sha256 (never the source), the
 * workflow to run with its arguments (a JSON object of values), the run's id and the `--allow` grants it was
 * compiled with (`run()` compiles generated text under them). {@code finished}: what the run this one continues
 * (continue-as-new) had finished, as {@link FinishedEffects} writes it; null for a new run.
 */
public record RunInput(String plan, String sha256, String workflow, String args, String runId, List<String> allowed,
                       String finished) {
    public RunInput(String plan, String sha256, String workflow, String args, String runId, List<String> allowed) {
        this(plan, sha256, workflow, args, runId, allowed, null);
    }

    /** The same run continued as new with what it finished. */
    RunInput continued(String finished) {
        return new RunInput(plan, sha256, workflow, args, runId, allowed, finished);
    }
}

package dev.orch.temporal;

import java.util.List;

/**
 * What starts a run on Temporal: the plan as `orch compile` writes it and its sha256 (never the source), the
 * workflow to run with its arguments (a JSON object of values), the run's id and the `--allow` grants it was
 * compiled with (`run()` compiles generated text under them). {@code finished}: what the run this one continues
 * (continue-as-new) had finished, as {@link FinishedEffects} writes it, and {@code timeline} what its clock read and
 * its random seed, as {@link Timeline} writes them; both null for a new run.
 */
public record RunInput(String plan, String sha256, String workflow, String args, String runId, List<String> allowed,
                       String finished, String timeline) {
    public RunInput(String plan, String sha256, String workflow, String args, String runId, List<String> allowed) {
        this(plan, sha256, workflow, args, runId, allowed, null, null);
    }

    /** The same run continued as new with what it finished and what its clock read. */
    RunInput continued(String finished, String timeline) {
        return new RunInput(plan, sha256, workflow, args, runId, allowed, finished, timeline);
    }
}

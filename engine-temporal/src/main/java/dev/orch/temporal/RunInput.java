package dev.orch.temporal;

import java.util.List;

/**
 * What starts a run on Temporal: the plan as `orch compile` writes it and its sha256 (never the source), the
 * workflow to run with its arguments (a JSON object of values), the run's id and the `--allow` grants it was
 * compiled with (`run()` compiles generated text under them). {@code finished}: what the run this one continues
 * (continue-as-new) had finished, as {@link FinishedEffects} writes it, and {@code timeline} what its clock read and
 * its random seed, as {@link Timeline} writes them, and {@code shown} what it had shown its followers, as
 * {@link Shown} writes it; all null for a new run.
 */
public record RunInput(String plan, String sha256, String workflow, String args, String runId, List<String> allowed,
                       String finished, String timeline, String shown) {
    public RunInput(String plan, String sha256, String workflow, String args, String runId, List<String> allowed) {
        this(plan, sha256, workflow, args, runId, allowed, null, null, null);
    }

    /** The same run continued as new with what it finished, what its clock read and what it showed. */
    RunInput continued(String finished, String timeline, String shown) {
        return new RunInput(plan, sha256, workflow, args, runId, allowed, finished, timeline, shown);
    }
}

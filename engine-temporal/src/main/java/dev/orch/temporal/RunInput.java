package dev.orch.temporal;

import java.util.List;

/**
 * What starts a run on Temporal: the plan as `orch compile` writes it and its sha256 (never the source), the
 * workflow to run with its arguments (a JSON object of values), the run's id and the `--allow` grants it was
 * compiled with (`run()` compiles generated text under them).
 */
public record RunInput(String plan, String sha256, String workflow, String args, String runId, List<String> allowed) {}

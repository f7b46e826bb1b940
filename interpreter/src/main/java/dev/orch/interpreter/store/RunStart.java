package dev.orch.interpreter.store;

import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a run is started from: the script, the exact plan it executes (kept so `orch resume` reruns the identical
 * plan) and the `--arg` values. No environment value ever goes in here: plans name API-key variables, never values.
 */
public record RunStart(Path script, String planSha256, String planJson, Map<String, String> args) {
    public RunStart {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(planSha256, "planSha256");
        Objects.requireNonNull(planJson, "planJson");
        args = Map.copyOf(args);
    }

    public static RunStart of(Path script, Plan plan, Map<String, String> args) {
        return new RunStart(script, plan.source().sha256(), PlanJson.write(plan), args);
    }
}

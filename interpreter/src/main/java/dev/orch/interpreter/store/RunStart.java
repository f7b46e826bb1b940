package dev.orch.interpreter.store;

import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a run is started from: the script, the exact plan it executes (kept so `orch resume` reruns the identical
 * plan) and the `--arg` values. No environment value ever goes in here: plans name API-key variables, never values.
 * A null {@code planJson} is a plan recorded a moment later, by {@link RunStore#recordPlan} ({@link PlanRecording}).
 * {@code planKey}, when known, names what the plan was compiled from and by ({@link RunStore#planJsonFor}); null: not
 * known (a plan read from a file, a build not run from its jar).
 */
public record RunStart(Path script, String planSha256, String planJson, Map<String, String> args, String planKey) {
    public RunStart(Path script, String planSha256, String planJson, Map<String, String> args) {
        this(script, planSha256, planJson, args, null);
    }

    public RunStart {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(planSha256, "planSha256");
        args = Map.copyOf(args);
    }

    public static RunStart of(Path script, Plan plan, Map<String, String> args) {
        return new RunStart(script, plan.source().sha256(), PlanJson.write(plan), args);
    }

    /**
     * With what is known of the plan: its JSON as an earlier run of the same key recorded it, or null, which leaves
     * it to {@link PlanRecording} to write beside the run while the run goes on.
     */
    public static RunStart of(Path script, Plan plan, Map<String, String> args, String knownJson, String planKey) {
        return new RunStart(script, plan.source().sha256(), knownJson, args, planKey);
    }
}

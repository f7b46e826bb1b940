package dev.orch.compiler.plan;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.check.DependencyAnalyzer;
import dev.orch.compiler.check.RaceChecker;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.diag.SourceFile;
import java.util.List;

/**
 * The compiler's back end, run once the front end found no errors: dependency analysis and race detection, then,
 * when they pass and the script has a `workflow main`, the plan with its estimate.
 */
public final class BackEnd {
    private BackEnd() {}

    /** Adds the passes' diagnostics; returns the plan, or null when there are errors or no `workflow main`. */
    public static Plan run(SourceFile source, List<Program> programs, Diagnostics diagnostics) {
        return run(source, programs, diagnostics, true);
    }

    /** As above; without {@code needsMain} a plan is made for a script with no `main` too (a test starts elsewhere). */
    public static Plan run(SourceFile source, List<Program> programs, Diagnostics diagnostics, boolean needsMain) {
        DependencyAnalyzer.Result dependencies = DependencyAnalyzer.analyze(programs);
        diagnostics.addAll(dependencies.diagnostics());
        diagnostics.addAll(RaceChecker.check(programs));
        if (diagnostics.hasErrors() || needsMain && !hasMain(programs)) return null;
        Estimator.Result estimated = Estimator.estimate(Planner.plan(source, programs, dependencies));
        diagnostics.addAll(estimated.diagnostics());
        return estimated.plan();
    }

    public static boolean hasMain(List<Program> programs) {
        return programs.stream().flatMap(p -> p.all(Decl.Workflow.class).stream()).anyMatch(w -> w.name().equals("main"));
    }
}

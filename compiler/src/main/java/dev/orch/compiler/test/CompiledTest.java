package dev.orch.compiler.test;

import dev.orch.compiler.ast.Test;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.plan.Plan;
import java.util.List;

/**
 * One `test` block compiled as the script with its replacements: the diagnostics it adds to the script's own (those
 * inside the block, and errors its replacements cause elsewhere), and its plan, whose workflow {@code workflow}
 * holds the test's statements; null when there are errors.
 */
public record CompiledTest(Test test, String workflow, List<Diagnostic> diagnostics, Plan plan) {
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}

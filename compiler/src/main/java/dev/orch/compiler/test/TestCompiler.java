package dev.orch.compiler.test;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Test;
import dev.orch.compiler.check.Checks;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.BackEnd;
import dev.orch.compiler.plan.Plan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks and plans one `test` block as the script with the test's replacements, through the same passes as the
 * script. Of what they find, the test keeps what is inside it, and the errors outside it that the script alone does
 * not have (a replacement broke something the script relies on), each saying which test caused it.
 */
public final class TestCompiler {
    private TestCompiler() {}

    /** {@code script}: the script compiled without errors. */
    public static CompiledTest compile(SourceFile source, Compilation script, Test test, CompileOptions options) {
        Diagnostics found = new Diagnostics();
        List<Program> programs = TestProgram.of(script.programs(), test, found);
        Checks.run(programs, options, found, false);
        Plan plan = found.hasErrors() ? null : BackEnd.run(source, programs, found, false);
        Set<Diagnostic> known = new HashSet<>(script.diagnostics());
        List<Diagnostic> kept = new ArrayList<>();
        for (Diagnostic d : found.sorted()) {
            if (test.contains(d.span())) {
                kept.add(d);
            } else if (d.isError() && !known.contains(d)) {
                kept.add(new Diagnostic(d.severity(), d.span(), d.message() + " (in test \"" + test.name() + "\")", d.hint()));
            }
        }
        return new CompiledTest(test, TestProgram.workflowName(test), List.copyOf(kept),
                kept.stream().anyMatch(Diagnostic::isError) ? null : plan);
    }
}

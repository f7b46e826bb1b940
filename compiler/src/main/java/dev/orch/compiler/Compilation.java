package dev.orch.compiler;

import dev.orch.compiler.ast.Program;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.DiagnosticRenderer;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.test.CompiledTest;
import java.util.List;
import java.util.Map;

/**
 * The outcome of compiling one script: every source read (the script and its imports), the parsed programs,
 * the diagnostics sorted by position (a test's among them), the plan when there were no errors, and, when the
 * tests were compiled too ({@link Compiler#compileWithTests}), each `test` block's own plan.
 */
public record Compilation(Map<String, SourceFile> sources, List<Program> programs, List<Diagnostic> diagnostics,
                          Plan plan, List<CompiledTest> tests) {
    public Compilation {
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    public Compilation(Map<String, SourceFile> sources, List<Program> programs, List<Diagnostic> diagnostics, Plan plan) {
        this(sources, programs, diagnostics, plan, List.of());
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public long errorCount() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return diagnostics.size() - errorCount();
    }

    public String render() {
        return new DiagnosticRenderer(sources::get).render(diagnostics);
    }
}

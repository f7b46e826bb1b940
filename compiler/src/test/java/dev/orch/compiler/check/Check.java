package dev.orch.compiler.check;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.SourceFile;
import java.util.List;

/**
 * Compiles a workflow body under a mock model and an agent `w`, for tests that look at one rule at a time; the
 * scaffold's own "agent 'w' is never used" is left out.
 */
final class Check {
    private Check() {}

    static List<String> messages(String body) {
        String script = "model fast = mock()\nagent w { model: fast }\nworkflow main(xs: list = [], n: number = 1) {\n" + body + "\n}\n";
        return Compiler.compile(new SourceFile("t.orch", script), CompileOptions.CHECK).diagnostics().stream()
                .map(Diagnostic::message).filter(m -> !m.equals("agent 'w' is never used")).toList();
    }
}

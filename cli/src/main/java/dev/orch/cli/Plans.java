package dev.orch.cli;

import dev.orch.compiler.Compilation;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.DiagnosticRenderer;
import dev.orch.compiler.diag.SourceFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;

/** Compiles a script for `orch plan` and `orch compile`: diagnostics to stderr, and a plan only when it has one. */
final class Plans {
    private Plans() {}

    /** The compilation with a plan, or null after telling the user why there is none. */
    static Compilation compile(Path file, Set<String> allowed, PrintWriter err) {
        SourceFile source = Sources.read(file, err);
        if (source == null) return null;
        Compilation c = Compiler.compile(source, new CompileOptions(false, allowed));
        if (!c.diagnostics().isEmpty()) err.println(c.render());
        if (c.hasErrors()) {
            err.println(DiagnosticRenderer.summary(c.errorCount(), c.warningCount()) + "; no plan was made");
            return null;
        }
        if (c.plan() == null) {
            err.println("orch: " + file + " has no workflow main, so there is nothing to plan; "
                    + "add `workflow main() { ... }` as the entry point");
            return null;
        }
        return c;
    }
}

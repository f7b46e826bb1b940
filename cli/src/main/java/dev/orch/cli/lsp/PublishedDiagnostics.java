package dev.orch.cli.lsp;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

/**
 * The diagnostics `orch check` gives for a document, as the protocol carries them: the hint on a line of its own.
 * One found in an imported file is shown on the `import` that leads to it, saying where it is, since the editor
 * shows a file's diagnostics only while that file is open.
 */
final class PublishedDiagnostics {
    static final String SOURCE = "orch";

    private PublishedDiagnostics() {}

    static PublishDiagnosticsParams of(Analysis analysis) {
        List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : analysis.compilation.diagnostics()) {
            if (d.span().file().equals(analysis.source.path())) {
                out.add(diagnostic(analysis.lines.range(d.span()), d, ""));
                continue;
            }
            Span at = importOf(analysis, d.span().file());
            if (at != null) out.add(diagnostic(analysis.lines.range(at), d, "in " + relative(analysis, d.span()) + ": "));
        }
        return new PublishDiagnosticsParams(analysis.uri, out, analysis.version);
    }

    private static org.eclipse.lsp4j.Diagnostic diagnostic(org.eclipse.lsp4j.Range range, Diagnostic d, String where) {
        String message = where + d.message() + (d.hint() == null || d.hint().isBlank() ? "" : "\nhint: " + d.hint());
        return new org.eclipse.lsp4j.Diagnostic(range, message,
                d.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, SOURCE);
    }

    /** The script's import of that file, else its first import (the file is imported by an imported one). */
    private static Span importOf(Analysis analysis, String file) {
        if (!analysis.parsed()) return null;
        Path folder = Path.of(analysis.source.path()).getParent();
        Span first = null;
        for (Decl.Import i : analysis.script().all(Decl.Import.class)) {
            String target = folder == null ? i.path() : folder.resolve(i.path()).normalize().toString();
            if (target.equals(file) || i.path().equals(file)) return i.pathSpan();
            if (first == null) first = i.pathSpan();
        }
        return first;
    }

    /** `lib.orch:3:5` for a file beside the script: the place as the script's folder names it. */
    private static String relative(Analysis analysis, Span span) {
        Path folder = Path.of(analysis.source.path()).getParent();
        Path file = Path.of(span.file());
        String name = folder != null && file.isAbsolute() && file.startsWith(folder) ? folder.relativize(file).toString() : span.file();
        return name + ":" + span.position();
    }
}

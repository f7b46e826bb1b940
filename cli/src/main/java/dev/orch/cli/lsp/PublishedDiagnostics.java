package dev.orch.cli.lsp;

import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.Severity;
import java.util.List;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

/** The diagnostics `orch check` gives for a document, as the protocol carries them: the hint on a line of its own. */
final class PublishedDiagnostics {
    static final String SOURCE = "orch";

    private PublishedDiagnostics() {}

    static PublishDiagnosticsParams of(Analysis analysis) {
        List<org.eclipse.lsp4j.Diagnostic> out = analysis.compilation.diagnostics().stream()
                .filter(d -> d.span().file().equals(analysis.source.path()))
                .map(d -> diagnostic(analysis.lines, d))
                .toList();
        return new PublishDiagnosticsParams(analysis.uri, out, analysis.version);
    }

    private static org.eclipse.lsp4j.Diagnostic diagnostic(LineMap lines, Diagnostic d) {
        String message = d.hint() == null || d.hint().isBlank() ? d.message() : d.message() + "\nhint: " + d.hint();
        return new org.eclipse.lsp4j.Diagnostic(lines.range(d.span()), message,
                d.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, SOURCE);
    }
}

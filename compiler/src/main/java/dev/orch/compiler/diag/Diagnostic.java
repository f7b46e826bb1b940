package dev.orch.compiler.diag;

import dev.orch.compiler.ast.Span;
import java.util.Comparator;

/** One finding of a pass: what is wrong, where, and what to do about it. Passes collect these, never throw them. */
public record Diagnostic(Severity severity, Span span, String message, String hint) {
    public static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparing((Diagnostic d) -> d.span().file())
            .thenComparingInt(d -> d.span().line())
            .thenComparingInt(d -> d.span().col())
            .thenComparing(Diagnostic::severity)
            .thenComparing(Diagnostic::message);

    public static Diagnostic error(Span span, String message, String hint) {
        return new Diagnostic(Severity.ERROR, span, message, hint);
    }

    public static Diagnostic warning(Span span, String message, String hint) {
        return new Diagnostic(Severity.WARNING, span, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}

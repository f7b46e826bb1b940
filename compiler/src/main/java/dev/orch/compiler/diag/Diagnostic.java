package dev.orch.compiler.diag;

import dev.orch.compiler.ast.Span;
import java.util.Comparator;

/** One finding of a pass: what is wrong, where, and what to do about it. Passes collect these, never throw them. */
public record Diagnostic(Severity severity, Span span, String message, String hint) {
    /**
     * By file, line, column, severity and message. Written out, not chained from {@code Comparator.comparing}: the
     * JDK makes those comparators with serializable lambdas, which the start-up archive cannot keep (3 ms a compile).
     */
    public static final Comparator<Diagnostic> BY_POSITION = (a, b) -> {
        int c = a.span().file().compareTo(b.span().file());
        if (c == 0) c = Integer.compare(a.span().line(), b.span().line());
        if (c == 0) c = Integer.compare(a.span().col(), b.span().col());
        if (c == 0) c = a.severity().compareTo(b.severity());
        return c != 0 ? c : a.message().compareTo(b.message());
    };

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

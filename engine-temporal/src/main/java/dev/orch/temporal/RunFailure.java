package dev.orch.temporal;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.RunError;
import java.util.List;

/**
 * A failed run's error as it crosses from the workflow to the client: its kind, message, task, place in the script
 * and attempts, and the errors of the branches under it (`parallel settle`, a race), so `orch run --engine temporal`
 * writes the error as a local run does, source line and caret included.
 */
public record RunFailure(String kind, String message, String task, String file, int line, int col, int length, int attempts,
                         List<RunFailure> causes) {
    public RunFailure {
        causes = causes == null ? List.of() : List.copyOf(causes);
    }

    static RunFailure of(RunError e) {
        if (e == null) return null;
        Span s = e.span() == null ? Span.NONE : e.span();
        return new RunFailure(e.kind().word(), e.getMessage(), e.task(), s.file() == null ? Span.NONE.file() : s.file(), s.line(), s.col(), s.length(), e.attempts(),
                e.causes().stream().map(RunFailure::of).toList());
    }

    /** The error again, for the renderers a local run uses. */
    public RunError error() {
        ErrorKind k = ErrorKind.find(kind);
        return new RunError(k == null ? ErrorKind.FAIL : k, message, task, new Span(file, line, col, length), attempts, null,
                causes.stream().map(RunFailure::error).toList());
    }
}

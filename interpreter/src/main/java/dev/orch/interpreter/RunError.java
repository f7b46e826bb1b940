package dev.orch.interpreter;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.value.Value;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run-time failure: its kind (what `retry ... on` and `catch` match), the task that failed, where in the script,
 * and on which attempt. A `parallel settle` or an all-failed `race` fails with every branch's error in
 * {@link #causes()}; its kind is the first one's, and a settle's error also carries {@link #results()}. Carries no stack trace: users never see one.
 */
public final class RunError extends RuntimeException {
    private final ErrorKind kind;
    private final String task;
    private final Span span;
    private final int attempts;
    private final Duration retryAfter;
    private final List<RunError> causes;
    private final Map<String, Value> results;

    public RunError(ErrorKind kind, String message, String task, Span span, int attempts, Duration retryAfter,
                    List<RunError> causes) {
        this(kind, message, task, span, attempts, retryAfter, causes, Map.of());
    }

    private RunError(ErrorKind kind, String message, String task, Span span, int attempts, Duration retryAfter,
                     List<RunError> causes, Map<String, Value> results) {
        super(message, null, false, false);
        this.kind = kind;
        this.task = task;
        this.span = span;
        this.attempts = attempts;
        this.retryAfter = retryAfter;
        this.causes = List.copyOf(causes);
        this.results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    public static RunError of(ErrorKind kind, String message, String task, Span span, int attempt) {
        return new RunError(kind, message, task, span, attempt, null, List.of());
    }

    public static RunError cancelled(String task, Span span) {
        return of(ErrorKind.CANCELLED, "stopped before it finished", task, span, 1);
    }

    /** Every error of a `settle` block or of a race where no branch succeeded. */
    public static RunError all(String what, List<RunError> errors, String task, Span span) {
        StringBuilder m = new StringBuilder(what).append(": ").append(errors.size()).append(" branches failed");
        for (RunError e : errors) m.append("\n  - ").append(e.task()).append(" (").append(e.kind().word()).append("): ").append(e.getMessage());
        return new RunError(errors.get(0).kind(), m.toString(), task, span, errors.get(0).attempts(), null, errors);
    }

    public RunError withAttempts(int n) {
        return new RunError(kind, getMessage(), task, span, n, retryAfter, causes, results);
    }

    /** The same error carrying what the succeeded branches of a `parallel settle` assigned. */
    public RunError withResults(Map<String, Value> assigned) {
        return new RunError(kind, getMessage(), task, span, attempts, retryAfter, causes, assigned);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String task() {
        return task;
    }

    public Span span() {
        return span;
    }

    public int attempts() {
        return attempts;
    }

    /** Null unless a provider asked to wait (HTTP Retry-After). */
    public Duration retryAfter() {
        return retryAfter;
    }

    public List<RunError> causes() {
        return causes;
    }

    /** By name, the values that the branches which succeeded assigned; empty unless a `parallel settle` failed. */
    public Map<String, Value> results() {
        return results;
    }
}

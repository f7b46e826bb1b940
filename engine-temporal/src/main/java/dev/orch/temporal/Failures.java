package dev.orch.temporal;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.McpFailure;
import dev.orch.stdlib.builtins.BuiltinException;
import dev.orch.stdlib.provider.ProviderException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.util.function.BiFunction;

/**
 * Orch's errors across the activity boundary: a worker throws an ApplicationFailure typed with the error kind (and a
 * Retry-After in its details); the workflow turns it back into the same exception, so `retry ... on` and `catch`
 * see the kind the provider or builtin gave.
 */
final class Failures {
    private Failures() {}

    static ApplicationFailure of(ProviderException e) {
        return ApplicationFailure.newNonRetryableFailure(e.getMessage(), e.kind().word(),
                e.retryAfter() == null ? -1L : e.retryAfter().toMillis());
    }

    static ApplicationFailure of(BuiltinException e) {
        return ApplicationFailure.newNonRetryableFailure(e.getMessage(), e.kind().word(), -1L);
    }

    static ApplicationFailure of(McpFailure e) {
        return ApplicationFailure.newNonRetryableFailure(e.getMessage(), e.kind().word(), -1L);
    }

    /** A model turn's failure, or {@link InterruptedException} when the turn was cancelled. */
    static ProviderException provider(ActivityFailure f) throws InterruptedException {
        Throwable cause = f.getCause();
        if (cause instanceof CanceledFailure) throw new InterruptedException("cancelled");
        if (cause instanceof ApplicationFailure a) {
            ErrorKind kind = kind(a);
            long retryAfter = a.getDetails().get(0, Long.class);
            return new ProviderException(kind, a.getOriginalMessage(), retryAfter < 0 ? null : Duration.ofMillis(retryAfter), null);
        }
        if (LostWorker.lost(f)) return new ProviderException(ErrorKind.TIMEOUT, LostWorker.message());
        if (cause instanceof TimeoutFailure) return new ProviderException(ErrorKind.TIMEOUT, "the worker did not finish the call in time");
        return new ProviderException(ErrorKind.SERVER, "the worker failed the call: " + (cause == null ? f.getMessage() : cause.getMessage()));
    }

    static BuiltinException builtin(ActivityFailure f) throws InterruptedException {
        return of(f, BuiltinException::new, ErrorKind.TOOL);
    }

    static McpFailure mcp(ActivityFailure f) throws InterruptedException {
        return of(f, McpFailure::new, ErrorKind.FAIL);
    }

    /** A builtin's or an MCP call's failure as the interpreter's exception; {@code otherwise}: an unexplained one's kind. */
    private static <E> E of(ActivityFailure f, BiFunction<ErrorKind, String, E> failure, ErrorKind otherwise)
            throws InterruptedException {
        Throwable cause = f.getCause();
        if (cause instanceof CanceledFailure) throw new InterruptedException("cancelled");
        if (cause instanceof ApplicationFailure a) return failure.apply(kind(a), a.getOriginalMessage());
        if (LostWorker.lost(f)) return failure.apply(ErrorKind.TIMEOUT, LostWorker.message());
        if (cause instanceof TimeoutFailure) return failure.apply(ErrorKind.TIMEOUT, "the worker did not finish in time");
        return failure.apply(otherwise, "the worker failed: " + (cause == null ? f.getMessage() : cause.getMessage()));
    }

    private static ErrorKind kind(ApplicationFailure a) {
        ErrorKind kind = ErrorKind.find(a.getType());
        return kind == null ? ErrorKind.FAIL : kind;
    }
}

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
        Throwable cause = f.getCause();
        if (cause instanceof CanceledFailure) throw new InterruptedException("cancelled");
        if (cause instanceof ApplicationFailure a) return new BuiltinException(kind(a), a.getOriginalMessage());
        if (LostWorker.lost(f)) return new BuiltinException(ErrorKind.TIMEOUT, LostWorker.message());
        if (cause instanceof TimeoutFailure) return new BuiltinException(ErrorKind.TIMEOUT, "the worker did not finish in time");
        return new BuiltinException(ErrorKind.TOOL, "the worker failed: " + (cause == null ? f.getMessage() : cause.getMessage()));
    }

    static McpFailure mcp(ActivityFailure f) throws InterruptedException {
        Throwable cause = f.getCause();
        if (cause instanceof CanceledFailure) throw new InterruptedException("cancelled");
        if (cause instanceof ApplicationFailure a) return new McpFailure(kind(a), a.getOriginalMessage());
        if (LostWorker.lost(f)) return new McpFailure(ErrorKind.TIMEOUT, LostWorker.message());
        if (cause instanceof TimeoutFailure) return new McpFailure(ErrorKind.TIMEOUT, "the worker did not finish in time");
        return new McpFailure(ErrorKind.FAIL, "the worker failed: " + (cause == null ? f.getMessage() : cause.getMessage()));
    }

    private static ErrorKind kind(ApplicationFailure a) {
        ErrorKind kind = ErrorKind.find(a.getType());
        return kind == null ? ErrorKind.FAIL : kind;
    }
}

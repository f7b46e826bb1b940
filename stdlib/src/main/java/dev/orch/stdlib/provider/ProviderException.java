package dev.orch.stdlib.provider;

import dev.orch.compiler.lang.ErrorKind;
import java.time.Duration;

/**
 * A failed call, classified by kind so `retry ... on` and `catch` can act on it. {@code retryAfter} carries an
 * HTTP Retry-After when the server sent one. Messages never contain an API key.
 */
public final class ProviderException extends Exception {
    private final ErrorKind kind;
    private final Duration retryAfter;

    public ProviderException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public ProviderException(ErrorKind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** Null when the server did not say how long to wait. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

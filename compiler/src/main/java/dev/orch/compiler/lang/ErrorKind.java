package dev.orch.compiler.lang;

import java.util.Locale;

/**
 * The kinds of error a run can fail with, as named in `retry ... on KIND` and `catch KIND`. A `retry` without
 * `on` retries the retryable kinds.
 */
public enum ErrorKind {
    TIMEOUT(true, "a call or a timeout block ran too long"),
    RATE_LIMIT(true, "the provider answered HTTP 429"),
    SERVER(true, "the provider failed (5xx, connection reset)"),
    BAD_OUTPUT(true, "a reply was empty, or a format: \"json\" reply did not parse"),
    BUDGET(false, "the budget is spent"),
    CIRCUIT_OPEN(false, "a breaker is open"),
    CANCELLED(false, "the work was cancelled, as when a sibling failed or a race was won"),
    TOOL(false, "sh or http failed"),
    FAIL(false, "the script ran `fail`"),
    MAX_TURNS(false, "an agent with tools was still calling them after max_turns turns"),
    TRUNCATED(false, "the provider stopped the reply at max_tokens"),
    REFUSED(false, "the model refused; the error carries the refusal text");

    private final boolean retryable;
    private final String meaning;

    ErrorKind(boolean retryable, String meaning) {
        this.retryable = retryable;
        this.meaning = meaning;
    }

    public boolean retryable() {
        return retryable;
    }

    public String meaning() {
        return meaning;
    }

    /** The word written in scripts: `rate_limit`. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorKind find(String word) {
        for (ErrorKind k : values()) if (k.word().equals(word)) return k;
        return null;
    }
}

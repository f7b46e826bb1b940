package dev.orch.compiler.lang;

import java.util.Locale;

/** Why a call or block failed; `retry ... on` and `catch` name these. The first four are retryable. */
public enum ErrorKind {
    TIMEOUT(true), RATE_LIMIT(true), SERVER(true), BAD_OUTPUT(true),
    BUDGET(false), CIRCUIT_OPEN(false), CANCELLED(false), TOOL(false), FAIL(false);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The name a script uses: `rate_limit`. */
    public String scriptName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorKind fromScriptName(String name) {
        for (ErrorKind k : values()) if (k.scriptName().equals(name)) return k;
        return null;
    }
}

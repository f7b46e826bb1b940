package dev.orch.stdlib.builtins;

import dev.orch.compiler.lang.ErrorKind;

/** A builtin refused or failed; the kind decides whether `retry` and `catch` act on it. */
public final class BuiltinException extends Exception {
    private final ErrorKind kind;

    public BuiltinException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}

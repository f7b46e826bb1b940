package dev.orch.interpreter;

import dev.orch.compiler.lang.ErrorKind;

/**
 * An MCP server did not start, did not answer, or answered that the call failed (`isError`): the text is what the
 * user or the model reads; the interpreter puts it where it belongs (the declaration's span, or the tool's result).
 */
public final class McpFailure extends Exception {
    private final ErrorKind kind;

    public McpFailure(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}

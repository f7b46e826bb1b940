package dev.orch.interpreter;

import dev.orch.compiler.ast.Span;

/**
 * A test's `expect` that did not hold. Not a {@link RunError}: no `try`, `catch` or `retry` of the script can
 * swallow it, so an expectation inside a `try` still fails the test. It ends the test at once, as an assertion does.
 */
final class ExpectationFailed extends RuntimeException {
    private final String task;
    private final Span span;

    ExpectationFailed(String message, String task, Span span) {
        super(message, null, false, false);
        this.task = task;
        this.span = span;
    }

    RunError asError() {
        return RunError.of(dev.orch.compiler.lang.ErrorKind.FAIL, getMessage(), task, span, 1);
    }
}

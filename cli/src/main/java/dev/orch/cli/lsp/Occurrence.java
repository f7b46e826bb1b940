package dev.orch.cli.lsp;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Span;

/**
 * One place that names a symbol: {@code declares} when it binds it (a declaration's name, an assignment, a
 * parameter), {@code scope} the workflow or test it sits in (null at the top level), and {@code call} the call
 * whose callee it is, so hover can estimate that call.
 */
record Occurrence(Span span, Symbol symbol, boolean declares, String scope, Expr.Call call) {
    boolean contains(String file, int line, int col) {
        return span.file().equals(file) && span.line() == line && col >= span.col() && col <= span.col() + span.length();
    }
}

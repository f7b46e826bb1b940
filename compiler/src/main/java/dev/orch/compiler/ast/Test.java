package dev.orch.compiler.ast;

import java.util.List;

/**
 * `test "NAME" { ... }`: {@code declarations} replace the script's declarations of the same name (or add new ones)
 * for this test only; {@code body} holds its statements, `expect` among them. {@code end} is its closing brace:
 * diagnostics between {@code span} and it belong to the test.
 */
public record Test(Span span, String name, Span nameSpan, List<Decl> declarations, Block body, Span end) {
    /** Whether a place lies inside this test block. */
    public boolean contains(Span place) {
        return place.file().equals(span.file()) && place.line() >= span.line() && place.line() <= end.line();
    }
}

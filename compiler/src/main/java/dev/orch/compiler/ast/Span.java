package dev.orch.compiler.ast;

/** Where a piece of source sits: 1-based line and column (in code points), and its length in code points. */
public record Span(String file, int line, int col, int length) {
    public static final Span NONE = new Span("<none>", 0, 0, 0);

    /** The `line:col` form used for node ids and in messages that point at another place in the same file. */
    public String position() {
        return line + ":" + col;
    }

    /** A span from the start of this one to the end of {@code end}, when both sit on one line; else this one. */
    public Span to(Span end) {
        if (end.line == line && end.col >= col) return new Span(file, line, col, end.col + end.length - col);
        return this;
    }
}

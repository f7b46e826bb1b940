package dev.orch.compiler.diag;

import dev.orch.compiler.ast.Span;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders diagnostics the one way users see them:
 * <pre>
 * FILE:LINE:COL: error: MESSAGE
 * the source line
 *        ^^^^
 * hint: what to do
 * </pre>
 * The caret row copies the tabs of the source line so the caret stays under the column in any terminal.
 */
public final class DiagnosticRenderer {
    private final Function<String, SourceFile> sources;

    public DiagnosticRenderer(Function<String, SourceFile> sources) {
        this.sources = sources;
    }

    public DiagnosticRenderer(SourceFile source) {
        this(Map.of(source.path(), source)::get);
    }

    public String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            if (!out.isEmpty()) out.append('\n');
            out.append(render(d));
        }
        return out.toString();
    }

    public String render(Diagnostic d) {
        Span s = d.span();
        StringBuilder out = new StringBuilder();
        out.append(s.file()).append(':').append(s.line()).append(':').append(s.col()).append(": ")
                .append(d.severity().label()).append(": ").append(d.message()).append('\n');
        SourceFile source = sources.apply(s.file());
        if (source != null && s.line() > 0) {
            String line = printable(source.line(s.line()));
            out.append(line).append('\n').append(caretRow(line, s.col(), s.length())).append('\n');
        }
        if (d.hint() != null && !d.hint().isBlank()) out.append("hint: ").append(d.hint()).append('\n');
        return out.toString();
    }

    /** Control characters other than tab would garble the terminal, so they are shown as U+FFFD. */
    private static String printable(String line) {
        StringBuilder b = new StringBuilder(line.length());
        line.codePoints().forEach(cp -> {
            if (cp == '\t' || cp >= 0x20 && cp != 0x7f) b.appendCodePoint(cp);
            else b.append('\uFFFD');
        });
        return b.toString();
    }

    /**
     * Spaces to the column, then carets under the span, both by display width ({@link DisplayWidth}): a wide
     * character before the error takes two columns, a combining mark none. Columns count code points.
     */
    static String caretRow(String line, int col, int length) {
        StringBuilder row = new StringBuilder();
        int[] cps = line.codePoints().toArray();
        for (int i = 0; i < col - 1; i++) {
            if (i < cps.length && cps[i] == '\t') row.append('\t');
            else row.repeat(' ', i < cps.length ? DisplayWidth.of(cps[i]) : 1);
        }
        int end = Math.min(cps.length, col - 1 + Math.max(1, length));
        int width = 0;
        for (int i = Math.max(0, col - 1); i < end; i++) width += cps[i] == '\t' ? 1 : DisplayWidth.of(cps[i]);
        row.append("^".repeat(Math.max(1, width)));
        return row.toString();
    }

    public static String summary(long errors, long warnings) {
        return plural(errors, "error") + ", " + plural(warnings, "warning");
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}

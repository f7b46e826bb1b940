package dev.orch.cli.lsp;

import dev.orch.compiler.ast.Span;
import java.util.Arrays;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * One document version's lines, to move between the compiler's places (1-based line, column in code points) and
 * the protocol's (0-based line, character in UTF-16 units): they differ on every line with an emoji or a CJK name.
 */
final class LineMap {
    private final String text;
    private final int[] starts;

    LineMap(String text) {
        this.text = text;
        int[] found = new int[64];
        int count = 0;
        found[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '\n') continue;
            if (count == found.length) found = Arrays.copyOf(found, count * 2);
            found[count++] = i + 1;
        }
        starts = Arrays.copyOf(found, count);
    }

    int lineCount() {
        return starts.length;
    }

    /** A 0-based line's text, without its line break; empty past the end. */
    String line(int line) {
        if (line < 0 || line >= starts.length) return "";
        int end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length();
        if (end > starts[line] && text.charAt(end - 1) == '\r') end--;
        return text.substring(starts[line], Math.max(starts[line], end));
    }

    /** The protocol's position of a 1-based line and code-point column. */
    Position position(int line, int col) {
        String text = line(line - 1);
        int codePoints = Math.max(0, Math.min(col - 1, text.codePointCount(0, text.length())));
        return new Position(Math.max(0, line - 1), text.offsetByCodePoints(0, codePoints));
    }

    Range range(Span span) {
        return new Range(position(span.line(), span.col()), position(span.line(), span.col() + span.length()));
    }

    /** The 1-based line of a protocol position. */
    static int line(Position p) {
        return p.getLine() + 1;
    }

    /** The 1-based code-point column of a protocol position. */
    int column(Position p) {
        String text = line(p.getLine());
        int units = Math.max(0, Math.min(p.getCharacter(), text.length()));
        return text.codePointCount(0, units) + 1;
    }

    /** The text of the line before a position: what completion reads. */
    String before(Position p) {
        String text = line(p.getLine());
        return text.substring(0, Math.max(0, Math.min(p.getCharacter(), text.length())));
    }

    /** The range of the whole text, for an edit that replaces it. */
    Range whole() {
        int last = starts.length - 1;
        return new Range(new Position(0, 0), new Position(last, text.length() - starts[last]));
    }
}

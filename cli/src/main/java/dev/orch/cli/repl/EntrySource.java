package dev.orch.cli.repl;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.diag.SourceFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source the compiler sees for one entry, and the way back from it to the entry's own lines. The entry sits
 * in {@code synthetic} from line {@code offset + 1} on, with its columns unchanged; everything else there (the
 * workflow header carrying the earlier names, the declarations so far) is the REPL's, not the user's.
 */
record EntrySource(SourceFile synthetic, SourceFile entry, int offset) {
    static final String SYNTHETIC = "<repl>";
    static final String ENTRY = "repl";

    private static final Pattern POSITION = Pattern.compile("(\\d+):(\\d+)");

    int lines() {
        return (int) entry.text().lines().count();
    }

    boolean inEntry(Span s) {
        return s != null && s.file().equals(SYNTHETIC) && s.line() > offset && s.line() <= offset + Math.max(1, lines());
    }

    /** The span in the entry's own lines, or the span unchanged when it points elsewhere (an imported file). */
    Span map(Span s) {
        if (!inEntry(s)) return s;
        return new Span(ENTRY, s.line() - offset, s.col(), s.length());
    }

    /** Rewrites the `LINE:COL` positions that follow a match of {@code before} (a regex) into the entry's lines. */
    String shift(String text, String before) {
        if (text == null || offset == 0) return text;
        Matcher m = Pattern.compile("(" + before + ")" + POSITION.pattern()).matcher(text);
        return m.replaceAll(r -> {
            int line = Integer.parseInt(r.group(2));
            String position = line > offset ? (line - offset) + ":" + r.group(3) : r.group(2) + ":" + r.group(3);
            return Matcher.quoteReplacement(r.group(1) + position);
        });
    }
}

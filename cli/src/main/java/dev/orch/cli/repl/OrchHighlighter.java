package dev.orch.cli.repl;

import dev.orch.grammar.OrchLexer;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Token;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Colours the line being typed with the Orch lexer: keywords, strings, numbers and durations, stray characters. */
final class OrchHighlighter implements Highlighter {
    private static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    private static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle WRONG = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStyle[] styles = new AttributedStyle[buffer.length()];
        for (Token t : Tokens.of(buffer)) {
            AttributedStyle style = style(t.getType());
            if (style == null) continue;
            for (int i = t.getStartIndex(); i <= t.getStopIndex() && i < styles.length; i++) styles[i] = style;
        }
        AttributedStringBuilder b = new AttributedStringBuilder();
        for (int i = 0; i < buffer.length(); i++) {
            b.style(styles[i] == null ? AttributedStyle.DEFAULT : styles[i]).append(buffer.charAt(i));
        }
        return b.toAttributedString();
    }

    private static AttributedStyle style(int type) {
        if (type >= OrchLexer.MODEL && type <= OrchLexer.MATCHES) return KEYWORD;
        return switch (type) {
            case OrchLexer.QUOTE, OrchLexer.STR_TEXT, OrchLexer.STR_ESCAPE, OrchLexer.STR_END, OrchLexer.TRIPLE_QUOTE,
                 OrchLexer.TSTR_TEXT, OrchLexer.TSTR_QUOTE, OrchLexer.TSTR_ESCAPE, OrchLexer.TSTR_END -> STRING;
            case OrchLexer.NUMBER, OrchLexer.DURATION -> NUMBER;
            case OrchLexer.BAD_CHAR, OrchLexer.BAD_NUMBER, OrchLexer.STR_NEWLINE -> WRONG;
            default -> null;
        };
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
        // Orch's errors come from the checker after Enter, not from a pattern.
    }

    @Override
    public void setErrorIndex(int errorIndex) {
        // As above.
    }
}

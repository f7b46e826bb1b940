package dev.orch.cli.repl;

import dev.orch.compiler.lang.Keywords;
import dev.orch.grammar.OrchLexer;
import java.util.List;
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
        List<? extends Token> tokens = Tokens.of(buffer).stream().filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL).toList();
        for (int at = 0; at < tokens.size(); at++) {
            Token t = tokens.get(at);
            AttributedStyle style = startsADeclaration(tokens, at) ? KEYWORD : style(t.getType());
            if (style == null) continue;
            for (int i = t.getStartIndex(); i <= t.getStopIndex() && i < styles.length; i++) styles[i] = style;
        }
        AttributedStringBuilder b = new AttributedStringBuilder();
        for (int i = 0; i < buffer.length(); i++) {
            b.style(styles[i] == null ? AttributedStyle.DEFAULT : styles[i]).append(buffer.charAt(i));
        }
        return b.toAttributedString();
    }

    /**
     * `type`, `tool`, `mcp`, `test` and `expect` are keywords only where they start a declaration or statement
     * (decision 1): at the start of a line or after `{`, `}` or `;`, and not followed by what makes them a name.
     */
    private static boolean startsADeclaration(List<? extends Token> tokens, int at) {
        Token t = tokens.get(at);
        if (t.getType() != OrchLexer.NAME || !Keywords.CONTEXTUAL.contains(t.getText())) return false;
        Token before = at == 0 ? null : tokens.get(at - 1);
        boolean starts = before == null || before.getLine() != t.getLine()
                || before.getType() == OrchLexer.LBRACE || before.getType() == OrchLexer.RBRACE || before.getType() == OrchLexer.SEMI;
        if (!starts) return false;
        if (at + 1 == tokens.size()) return true;
        int next = tokens.get(at + 1).getType();
        if (next == OrchLexer.ASSIGN || next == OrchLexer.DOT || next == OrchLexer.LBRACK) return false;
        return next != OrchLexer.LPAREN || t.getText().equals("expect");
    }

    private static AttributedStyle style(int type) {
        if (Keywords.isReserved(type)) return KEYWORD;
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

package dev.orch.compiler.test;

import dev.orch.grammar.OrchLexer;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * A script's text with its `test` blocks set aside: what its plan is made of. The plan's source hash is taken over
 * it, so adding or editing a test never makes a compiled plan stale, nor a resumed run think its script changed.
 * Works on the tokens (a `test` word at the top level, then a string, then a braced block), so a brace inside a
 * string or a comment is never miscounted; each block goes with the blank space before it.
 */
public final class TestBlocks {
    private TestBlocks() {}

    public static String removed(String text) {
        if (!text.contains("test")) return text;
        OrchLexer lexer = new OrchLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<? extends Token> tokens = lexer.getAllTokens();
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (depth == 0 && t.getType() == OrchLexer.NAME && t.getText().equals("test") && startsLine(tokens, i)) {
                int end = blockEnd(tokens, i + 1);
                if (end < 0) break;
                int from = t.getStartIndex();
                while (from > copied && Character.isWhitespace(text.charAt(from - 1))) from--;
                out.append(text, copied, from);
                copied = tokens.get(end).getStopIndex() + 1;
                i = end;
                continue;
            }
            depth += switch (t.getType()) {
                case OrchLexer.LBRACE, OrchLexer.LPAREN, OrchLexer.LBRACK, OrchLexer.STR_INTERP, OrchLexer.TSTR_INTERP -> 1;
                case OrchLexer.RBRACE, OrchLexer.RPAREN, OrchLexer.RBRACK -> -1;
                default -> 0;
            };
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** Whether the token is the first of its statement: at the file's start or after a line break or `;`. */
    private static boolean startsLine(List<? extends Token> tokens, int i) {
        for (int j = i - 1; j >= 0; j--) {
            Token p = tokens.get(j);
            if (p.getChannel() != Token.DEFAULT_CHANNEL) continue;
            return p.getType() == OrchLexer.NL || p.getType() == OrchLexer.SEMI;
        }
        return true;
    }

    /** The index of the `}` that closes the test's block, when a string and then `{` follow `test`; else -1. */
    private static int blockEnd(List<? extends Token> tokens, int i) {
        int j = significant(tokens, i);
        if (j < 0 || tokens.get(j).getType() != OrchLexer.QUOTE && tokens.get(j).getType() != OrchLexer.TRIPLE_QUOTE) return -1;
        int depth = 0;
        boolean opened = false;
        for (; j < tokens.size(); j++) {
            switch (tokens.get(j).getType()) {
                case OrchLexer.LBRACE, OrchLexer.LPAREN, OrchLexer.LBRACK, OrchLexer.STR_INTERP, OrchLexer.TSTR_INTERP -> {
                    if (tokens.get(j).getType() == OrchLexer.LBRACE && depth == 0) opened = true;
                    depth++;
                }
                case OrchLexer.RBRACE, OrchLexer.RPAREN, OrchLexer.RBRACK -> {
                    depth--;
                    if (depth == 0 && opened) return j;
                }
                default -> { }
            }
        }
        return -1;
    }

    private static int significant(List<? extends Token> tokens, int i) {
        for (int j = i; j < tokens.size(); j++) if (tokens.get(j).getChannel() == Token.DEFAULT_CHANNEL) return j;
        return -1;
    }
}

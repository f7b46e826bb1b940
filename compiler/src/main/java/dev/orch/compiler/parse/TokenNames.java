package dev.orch.compiler.parse;

import dev.orch.grammar.OrchLexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;

/** Tokens in the user's words: `name 'foo'`, `end of line`, `'}'`. */
final class TokenNames {
    private TokenNames() {}

    static String describe(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "end of file";
            case OrchLexer.NL -> "end of line";
            case OrchLexer.STR_NEWLINE -> "end of line";
            case OrchLexer.NAME -> "name '" + t.getText() + "'";
            case OrchLexer.NUMBER -> "number " + t.getText();
            case OrchLexer.DURATION -> "duration " + t.getText();
            case OrchLexer.BAD_NUMBER -> "'" + t.getText() + "'";
            case OrchLexer.QUOTE, OrchLexer.TRIPLE_QUOTE -> "a string";
            case OrchLexer.STR_TEXT, OrchLexer.TSTR_TEXT -> "text '" + abbreviate(t.getText()) + "'";
            case OrchLexer.BAD_CHAR -> "character '" + t.getText() + "'";
            case OrchLexer.UNCLOSED_COMMENT -> "an unclosed comment";
            default -> "'" + t.getText() + "'";
        };
    }

    /** A token that came just before an error, as in "expected ',' after 'x'". */
    static String after(Token t) {
        return switch (t.getType()) {
            case OrchLexer.STR_END, OrchLexer.TSTR_END -> "the string";
            case OrchLexer.NL -> "the end of the line";
            default -> "'" + abbreviate(t.getText()) + "'";
        };
    }

    /** The name of an expected token type, as a user would write it. */
    static String expected(int type) {
        return switch (type) {
            case Token.EOF -> "end of file";
            case OrchLexer.NL -> "end of line";
            case OrchLexer.NAME -> "a name";
            case OrchLexer.NUMBER -> "a number";
            case OrchLexer.DURATION -> "a duration";
            case OrchLexer.QUOTE, OrchLexer.TRIPLE_QUOTE -> "a string";
            case OrchLexer.STR_END -> "'\"'";
            case OrchLexer.TSTR_END -> "'\"\"\"'";
            default -> {
                Vocabulary v = OrchLexer.VOCABULARY;
                String literal = v.getLiteralName(type);
                yield literal != null ? literal : v.getSymbolicName(type);
            }
        };
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace("\n", "\\n");
        return oneLine.length() > 20 ? oneLine.substring(0, 20) + "..." : oneLine;
    }
}

package dev.orch.cli.repl;

import dev.orch.grammar.OrchLexer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * What the REPL reads from an entry's tokens, with the language's own lexer: whether the entry is complete or
 * continues on the next line, its first keyword, and the names it declares with `var`.
 */
final class Tokens {
    private Tokens() {}

    static List<? extends Token> of(String text) {
        OrchLexer lexer = new OrchLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        return lexer.getAllTokens();
    }

    /**
     * An entry continues while a bracket, a `"""` string or a block comment is open. An open `"..."` string does
     * not continue: the language ends it at the line break, so the parser reports it at once.
     */
    static boolean complete(String text) {
        return unclosed(text) == null;
    }

    /** The innermost bracket, `"""` or comment left open at the end of the entry, or null when none is. */
    static Token unclosed(String text) {
        Deque<Token> open = new ArrayDeque<>();
        for (Token t : of(text)) {
            switch (t.getType()) {
                case OrchLexer.LPAREN, OrchLexer.LBRACK, OrchLexer.LBRACE, OrchLexer.STR_INTERP, OrchLexer.TSTR_INTERP,
                     OrchLexer.QUOTE, OrchLexer.TRIPLE_QUOTE -> open.push(t);
                case OrchLexer.RPAREN, OrchLexer.RBRACK, OrchLexer.RBRACE, OrchLexer.STR_END, OrchLexer.TSTR_END -> {
                    if (!open.isEmpty()) open.pop();
                }
                case OrchLexer.STR_NEWLINE -> {
                    return null;
                }
                case OrchLexer.UNCLOSED_COMMENT -> {
                    return t;
                }
                default -> { }
            }
        }
        if (open.stream().anyMatch(t -> t.getType() == OrchLexer.QUOTE)) return null;
        return open.peek();
    }

    /** The first keyword or name of the entry, or null for an entry of comments and blanks. */
    static Token first(String text) {
        for (Token t : of(text)) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != OrchLexer.NL) return t;
        }
        return null;
    }

    static boolean declares(String text) {
        Token t = first(text);
        if (t == null) return false;
        return switch (t.getType()) {
            case OrchLexer.MODEL, OrchLexer.AGENT, OrchLexer.BREAKER, OrchLexer.BUDGET, OrchLexer.WORKFLOW,
                 OrchLexer.IMPORT -> true;
            default -> false;
        };
    }

    /** Names the entry declares with `var x = ...`: they start afresh instead of continuing an earlier name. */
    static List<String> varNames(String text) {
        List<? extends Token> tokens = of(text).stream().filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL).toList();
        List<String> names = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).getType() == OrchLexer.VAR && tokens.get(i + 1).getType() == OrchLexer.NAME) {
                names.add(tokens.get(i + 1).getText());
            }
        }
        return names;
    }
}

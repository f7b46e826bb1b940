package dev.orch.compiler.lang;

import dev.orch.grammar.OrchLexer;
import java.util.ArrayList;
import java.util.List;

/**
 * Orch's keywords, for everything that shows them (the REPL's completion and colours, editors): the lexer's
 * reserved words, and the words that are keywords only where they start a declaration or a statement and stay
 * usable as names elsewhere (decision 1).
 */
public final class Keywords {
    /** Keywords only at the start of a declaration (`type`, `tool`, `mcp`, `test`) or of a test's statement (`expect`). */
    public static final List<String> CONTEXTUAL = List.of("type", "tool", "mcp", "test", "expect");

    private static final List<String> RESERVED = lexerWords();

    private Keywords() {}

    /** Words the lexer never reads as names: `model` ... `matches`, and `where` (reserved in a `for` head only). */
    public static List<String> reserved() {
        return RESERVED;
    }

    private static List<String> lexerWords() {
        List<String> words = new ArrayList<>();
        for (int t = OrchLexer.MODEL; t <= OrchLexer.WHERE; t++) {
            String literal = OrchLexer.VOCABULARY.getLiteralName(t);
            if (literal != null) words.add(literal.substring(1, literal.length() - 1));
        }
        return List.copyOf(words);
    }

    public static List<String> all() {
        List<String> all = new ArrayList<>(reserved());
        all.addAll(CONTEXTUAL);
        return all;
    }

    /** Whether a token of the lexer's type is a reserved word. */
    public static boolean isReserved(int tokenType) {
        return tokenType >= OrchLexer.MODEL && tokenType <= OrchLexer.WHERE;
    }
}

package dev.orch.cli.repl;

import dev.orch.grammar.OrchLexer;
import java.util.ArrayList;
import java.util.List;

/** The words every script may use, whatever it declares: what the REPL's completion and the editor's both offer. */
public final class LanguageWords {
    private LanguageWords() {}

    /** The keywords, from the lexer's vocabulary, so a keyword added to the grammar is offered at once. */
    public static List<String> keywords() {
        List<String> keywords = new ArrayList<>();
        for (int t = OrchLexer.MODEL; t <= OrchLexer.MATCHES; t++) {
            String literal = OrchLexer.VOCABULARY.getLiteralName(t);
            if (literal != null) keywords.add(literal.substring(1, literal.length() - 1));
        }
        return keywords;
    }
}

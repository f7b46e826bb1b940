package dev.orch.compiler.parse;

import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.grammar.OrchLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * The syntax errors after the first, one a top-level declaration: an editor shows every broken declaration at once.
 * After the first error ANTLR's own recovery mostly reports noise, so each later declaration is parsed on its own,
 * from its first line to the next declaration's, and only its first error is kept. A declaration starts where a
 * line starts with the word that begins one (`workflow NAME`, `agent NAME`, `test "..."`, ...), as the lexer reads
 * it: a word inside a string or a comment starts nothing. The first error is reported as it always was; the ones
 * after it come from declarations that start after the line it is on, so a declaration cut short by the first
 * error (an unclosed brace) adds nothing of its own.
 */
final class LaterSyntaxErrors {
    /** Enough for a screen of errors; a file broken everywhere should not be parsed a thousand times. */
    static final int MAX_ERRORS = 20;
    private static final Set<String> SOFT_STARTS = Set.of("type", "tool", "mcp", "test");

    private LaterSyntaxErrors() {}

    static List<Diagnostic> after(SourceFile source, List<Token> tokens, Diagnostic first) {
        List<Token> starts = declarationStarts(tokens);
        List<Diagnostic> out = new ArrayList<>();
        int reportedLine = first.span().line();
        for (int i = 0; i < starts.size() && out.size() < MAX_ERRORS - 1; i++) {
            Token start = starts.get(i);
            if (start.getLine() <= reportedLine) continue;
            int end = i + 1 < starts.size() ? starts.get(i + 1).getStartIndex() : source.text().length();
            String chunk = "\n".repeat(start.getLine() - 1) + source.text().substring(start.getStartIndex(), end);
            Diagnostic d = SourceParser.firstError(new SourceFile(source.path(), chunk));
            if (d == null) continue;
            out.add(d);
            reportedLine = d.span().line();
        }
        return out;
    }

    private static List<Token> declarationStarts(List<Token> all) {
        List<Token> tokens = all.stream().filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL).toList();
        List<Token> starts = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getCharPositionInLine() != 0) continue;
            int next = tokens.get(i + 1).getType();
            boolean starts_ = switch (t.getType()) {
                case OrchLexer.MODEL, OrchLexer.AGENT, OrchLexer.BREAKER, OrchLexer.WORKFLOW -> next == OrchLexer.NAME;
                case OrchLexer.BUDGET -> next == OrchLexer.LBRACE;
                case OrchLexer.IMPORT -> next == OrchLexer.QUOTE;
                case OrchLexer.NAME -> SOFT_STARTS.contains(t.getText())
                        && (t.getText().equals("test") ? next == OrchLexer.QUOTE : next == OrchLexer.NAME);
                default -> false;
            };
            if (starts_) starts.add(t);
        }
        return starts;
    }
}

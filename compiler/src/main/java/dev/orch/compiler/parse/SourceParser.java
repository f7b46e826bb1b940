package dev.orch.compiler.parse;

import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.grammar.OrchLexer;
import dev.orch.grammar.OrchParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Source text to AST: lex, refuse absurd nesting, parse SLL (falling back to LL), then build the AST. */
public final class SourceParser {
    /** Deeper than this is refused before the recursive-descent parser could overflow its stack. */
    public static final int MAX_NESTING = 200;

    public record Result(Program program, List<Diagnostic> diagnostics) {
        public boolean ok() {
            return program != null && diagnostics.stream().noneMatch(Diagnostic::isError);
        }
    }

    private SourceParser() {}

    public static Result parse(SourceFile source) {
        try {
            return parseChecked(source);
        } catch (StackOverflowError e) {
            return failed(Diagnostic.error(new Span(source.path(), 1, 1, 1), "the script is nested too deeply to compile",
                    "split long expressions and deep blocks into named steps or workflows"));
        }
    }

    private static Result parseChecked(SourceFile source) {
        OrchLexer lexer = new OrchLexer(CharStreams.fromString(source.text(), source.path()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        Diagnostic tooDeep = nestingLimit(source.path(), tokens.getTokens());
        if (tooDeep != null) return failed(tooDeep);

        OrchParser parser = new OrchParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        OrchParser.ProgramContext tree;
        try {
            tree = parser.program();
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.addErrorListener(new SyntaxErrors(source));
            try {
                tree = parser.program();
            } catch (SyntaxErrors.Stop stop) {
                return failed(stop.diagnostic);
            }
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        Program program = new AstBuilder(source.path(), diagnostics).program(tree);
        return new Result(program, diagnostics);
    }

    private static Diagnostic nestingLimit(String file, List<Token> tokens) {
        int depth = 0;
        for (Token t : tokens) {
            switch (t.getType()) {
                case OrchLexer.LPAREN, OrchLexer.LBRACK, OrchLexer.LBRACE, OrchLexer.STR_INTERP, OrchLexer.TSTR_INTERP -> depth++;
                case OrchLexer.RPAREN, OrchLexer.RBRACK, OrchLexer.RBRACE -> depth = Math.max(0, depth - 1);
                default -> { }
            }
            if (depth > MAX_NESTING) {
                return Diagnostic.error(new Span(file, t.getLine(), t.getCharPositionInLine() + 1, 1),
                        "blocks and brackets are nested more than " + MAX_NESTING + " levels deep",
                        "split the work into workflows and call them");
            }
        }
        return null;
    }

    private static Result failed(Diagnostic d) {
        return new Result(null, List.of(d));
    }
}

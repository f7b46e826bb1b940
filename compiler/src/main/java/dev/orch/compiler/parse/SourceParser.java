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
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;

/** Source text to AST: lex, refuse absurd nesting, parse SLL (falling back to LL), then build the AST. */
public final class SourceParser {
    /** Deeper than this is refused before the recursive-descent parser could overflow its stack. */
    public static final int MAX_NESTING = 200;

    /**
     * Parse trees deeper than this are refused before the AST is built. Brackets are capped above, so only chains
     * reach it: thousands of operators in one expression or thousands of `else if`. Every later pass recurses over
     * the AST, so the cap protects them all, on any thread's stack.
     */
    static final int MAX_TREE_DEPTH = 2_500;

    public record Result(Program program, List<Diagnostic> diagnostics) {
        public boolean ok() {
            return program != null && diagnostics.stream().noneMatch(Diagnostic::isError);
        }
    }

    /**
     * A parse with what the formatter and the editor support read besides the AST: every token, comments included
     * (on the hidden channel), and the parse tree. Both are null when the source did not parse.
     */
    public record Syntax(Result result, List<Token> tokens, OrchParser.ProgramContext tree) {}

    private SourceParser() {}

    /**
     * Loads the lexer's and the parser's tables, which ANTLR deserializes as their classes load (5-15 ms cold): a
     * command calls this on another thread as it starts, so its own thread finds them ready.
     */
    public static void prepare() {
        new OrchParser(new CommonTokenStream(new OrchLexer(CharStreams.fromString(""))));
    }

    public static Result parse(SourceFile source) {
        return syntax(source).result();
    }

    public static Syntax syntax(SourceFile source) {
        try {
            return parseChecked(source);
        } catch (StackOverflowError e) {
            return new Syntax(failed(Diagnostic.error(new Span(source.path(), 1, 1, 1), "the script is nested too deeply to compile",
                    "split long expressions and deep blocks into named steps or workflows")), null, null);
        }
    }

    private static Syntax parseChecked(SourceFile source) {
        OrchLexer lexer = new OrchLexer(CharStreams.fromString(source.text(), source.path()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        Diagnostic tooDeep = nestingLimit(source.path(), tokens.getTokens());
        if (tooDeep != null) return new Syntax(failed(tooDeep), null, null);

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
                List<Diagnostic> all = new ArrayList<>(List.of(stop.diagnostic));
                all.addAll(LaterSyntaxErrors.after(source, tokens.getTokens(), stop.diagnostic));
                return new Syntax(new Result(null, List.copyOf(all)), null, null);
            }
        }
        Diagnostic tooLong = depthLimit(source.path(), tree);
        if (tooLong != null) return new Syntax(failed(tooLong), null, null);
        List<Diagnostic> diagnostics = new ArrayList<>();
        Program program = new AstBuilder(source.path(), source.text(), diagnostics).program(tree);
        return new Syntax(new Result(program, diagnostics), tokens.getTokens(), tree);
    }

    /** The first syntax error of a text, as the full parse reports it, or null when it parses. */
    static Diagnostic firstError(SourceFile source) {
        OrchLexer lexer = new OrchLexer(CharStreams.fromString(source.text(), source.path()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        Diagnostic tooDeep = nestingLimit(source.path(), tokens.getTokens());
        if (tooDeep != null) return tooDeep;
        OrchParser parser = new OrchParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrors(source));
        try {
            parser.program();
            return null;
        } catch (SyntaxErrors.Stop stop) {
            return stop.diagnostic;
        }
    }

    private static Diagnostic nestingLimit(String file, List<Token> tokens) {
        int depth = 0;
        int prefixRun = 0;
        for (Token t : tokens) {
            // `not not not ...` and `- - - x` recurse in the parser like brackets do.
            prefixRun = t.getType() == OrchLexer.NOT || t.getType() == OrchLexer.MINUS ? prefixRun + 1 : 0;
            if (prefixRun > MAX_NESTING) {
                return Diagnostic.error(new Span(file, t.getLine(), t.getCharPositionInLine() + 1, t.getText().length()),
                        "more than " + MAX_NESTING + " 'not' or '-' in a row", "two of them cancel out; write at most one");
            }
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

    /**
     * The first parse-tree node deeper than {@link #MAX_TREE_DEPTH}, walked without recursion. Only rule nodes are
     * stacked (tokens cannot be too deep themselves), with their depths in a plain int array: no boxing.
     */
    private static Diagnostic depthLimit(String file, ParserRuleContext tree) {
        ParserRuleContext[] nodes = new ParserRuleContext[64];
        int[] depths = new int[64];
        int size = 0;
        nodes[size] = tree;
        depths[size++] = 1;
        while (size > 0) {
            ParserRuleContext ctx = nodes[--size];
            int depth = depths[size];
            nodes[size] = null;
            if (depth > MAX_TREE_DEPTH) {
                Token start = ctx.getStart();
                ParserRuleContext outer = ctx;
                while (outer.getParent() instanceof OrchParser.ExprContext || outer.getParent() instanceof OrchParser.IfChainContext) {
                    outer = outer.getParent();
                }
                boolean ifChain = outer instanceof OrchParser.IfChainContext;
                Token at = outer.getStart() != null ? outer.getStart() : start;
                return Diagnostic.error(new Span(file, at.getLine(), at.getCharPositionInLine() + 1, Math.max(1, at.getText().length())),
                        ifChain ? "this if has too many 'else if' branches to compile (over " + MAX_TREE_DEPTH + ")"
                                : "this expression is too long to compile: over " + MAX_TREE_DEPTH + " operators in one chain",
                        ifChain ? "look the value up in a map, or split the branches over several ifs"
                                : "build it in steps with named parts: part = a + b, then total = part + c");
            }
            List<ParseTree> children = ctx.children;
            if (children == null) continue;
            for (ParseTree child : children) {
                if (!(child instanceof ParserRuleContext rule)) continue;
                if (size == nodes.length) {
                    nodes = java.util.Arrays.copyOf(nodes, size * 2);
                    depths = java.util.Arrays.copyOf(depths, size * 2);
                }
                nodes[size] = rule;
                depths[size++] = depth + 1;
            }
        }
        return null;
    }

    private static Result failed(Diagnostic d) {
        return new Result(null, List.of(d));
    }
}

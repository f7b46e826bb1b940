package dev.orch.compiler.parse;

import static dev.orch.grammar.OrchParser.*;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.grammar.OrchLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns ANTLR's first syntax error into one Orch diagnostic and stops the parse: after the first mistake ANTLR's
 * recovery mostly produces noise, so the user gets one precise message instead of a cascade.
 */
final class SyntaxErrors extends BaseErrorListener {
    /** Thrown out of the parser to stop it at the first error; carries the diagnostic. */
    static final class Stop extends RuntimeException {
        final Diagnostic diagnostic;

        Stop(Diagnostic diagnostic) {
            super(diagnostic.message(), null, false, false);
            this.diagnostic = diagnostic;
        }
    }

    private final String file;

    SyntaxErrors(String file) {
        this.file = file;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        Parser parser = (Parser) recognizer;
        Token token = (Token) offendingSymbol;
        IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        throw new Stop(explain(parser, parser.getContext(), token, expected));
    }

    private Diagnostic explain(Parser parser, ParserRuleContext ctx, Token token, IntervalSet expected) {
        int type = token.getType();
        if (type == OrchLexer.BAD_CHAR) {
            return error(token, "unexpected character '" + token.getText() + "'",
                    "Orch has no such symbol here; text belongs in quotes: \"...\"");
        }
        if (type == OrchLexer.UNCLOSED_COMMENT) {
            return error(token, "unclosed comment: '/*' has no matching '*/'", "close the comment with */");
        }
        if (type == OrchLexer.BAD_NUMBER) return badNumber(token);

        Diagnostic inString = explainInString(parser, ctx, token);
        if (inString != null) return inString;

        if (type == Token.EOF) {
            Diagnostic unclosed = unclosed(ctx, token);
            if (unclosed != null) return unclosed;
        }
        ParserRuleContext list = enclosing(ctx, EntriesContext.class, MapExprContext.class);
        if (list != null && expected.contains(COMMA) && startsEntry(type)) {
            return error(token, "expected ',' or a new line between entries, found " + TokenNames.describe(token),
                    "separate entries with commas: { a: 1, b: 2 }");
        }
        ParserRuleContext args = enclosing(ctx, ArgumentsContext.class, ListExprContext.class);
        if (args != null && expected.contains(COMMA) && type != Token.EOF && type != COMMA) {
            String closer = args instanceof ArgumentsContext ? "')'" : "']'";
            return error(token, "expected ',' or " + closer + ", found " + TokenNames.describe(token),
                    "separate arguments and list items with commas");
        }
        if (expected.contains(NL) && type != Token.EOF && !expected.contains(type)
                && enclosing(ctx, BlockContext.class, ProgramContext.class) != null && previousOnSameLine(parser, token)) {
            return error(token, "unexpected " + TokenNames.describe(token) + " after the end of a statement",
                    "put each statement on its own line, or separate them with ';'");
        }
        if (ctx instanceof ProgramContext || ctx instanceof DeclarationContext) {
            return error(token, "expected a declaration (model, agent, breaker, budget, workflow or import), found "
                    + TokenNames.describe(token), "statements go inside a workflow: workflow main() { ... }");
        }
        if (isDeclarationKeyword(type) && enclosing(ctx, BlockContext.class) != null) {
            return error(token, "'" + token.getText() + "' declarations belong at the top level, not inside a block",
                    "move it above the workflow");
        }
        return error(token, "unexpected " + TokenNames.describe(token) + "; expected " + describe(ctx, expected),
                hintFor(ctx));
    }

    private Diagnostic badNumber(Token token) {
        return error(token, "bad number or duration '" + token.getText() + "'",
                "durations are a number and a unit: 250ms, 2s, 5m or 1h");
    }

    private Diagnostic explainInString(Parser parser, ParserRuleContext ctx, Token token) {
        int type = token.getType();
        ParserRuleContext part = enclosing(ctx, StringPartContext.class, TripleStringPartContext.class);
        if (part != null && part.getStart() != null) {
            Token open = part.getStart();
            if (type == OrchLexer.RBRACE && previous(parser, token) == open) {
                return error(open, "empty interpolation '{}'", "write \\{ for a literal brace, or put a name inside: {name}");
            }
            if (type != OrchLexer.STR_NEWLINE && type != Token.EOF) {
                return error(token, "unexpected " + TokenNames.describe(token) + " in the interpolation opened at "
                                + position(open),
                        "an interpolation holds one expression, like {name} or {reply.tokens_out}; write \\{ for a literal brace");
            }
        }
        StringContext string = (StringContext) enclosing(ctx, StringContext.class);
        if (string != null && (type == OrchLexer.STR_NEWLINE || type == Token.EOF)) {
            Token quote = string.getStart();
            boolean triple = quote.getType() == OrchLexer.TRIPLE_QUOTE;
            return error(quote, "unterminated string: the closing " + (triple ? "\"\"\"" : "\"") + " is missing",
                    triple ? "close the text with \"\"\"" : "a \"...\" string ends on its own line; use \"\"\"...\"\"\" for text over several lines");
        }
        return null;
    }

    /** At end of file: the innermost bracket that was opened and never closed. */
    private Diagnostic unclosed(ParserRuleContext ctx, Token end) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            Token open = openToken(c);
            if (open == null) continue;
            boolean closed = switch (c) {
                case BlockContext b -> b.RBRACE() != null;
                case EntriesContext e -> e.RBRACE() != null;
                case MapExprContext m -> m.RBRACE() != null;
                case ListExprContext l -> l.RBRACK() != null;
                default -> c.getStop() != null && c.getStop().getType() == OrchLexer.RPAREN;
            };
            if (closed) continue;
            String closer = switch (open.getType()) {
                case OrchLexer.LPAREN -> "')'";
                case OrchLexer.LBRACK -> "']'";
                default -> "'}'";
            };
            // "opened at" names where the construct starts (the `parallel` keyword), which is what a reader scans for.
            Token start = c instanceof BlockContext && c.getParent() != null ? c.getParent().getStart() : open;
            return error(end, "expected " + closer + " to close the " + owner(c) + " opened at " + position(start),
                    "the file ends before it is closed; add " + closer + " where it ends");
        }
        return null;
    }

    private static Token openToken(ParserRuleContext c) {
        TerminalNode node = switch (c) {
            case BlockContext b -> b.LBRACE();
            case EntriesContext e -> e.LBRACE();
            case MapExprContext m -> m.LBRACE();
            case ListExprContext l -> l.LBRACK();
            case CallExprContext call -> call.LPAREN();
            case ParenExprContext p -> p.LPAREN();
            case WorkflowDeclContext w -> w.RPAREN() == null ? w.LPAREN() : null;
            case ModelDeclContext m -> m.RPAREN() == null ? m.LPAREN() : null;
            default -> null;
        };
        return node == null ? null : node.getSymbol();
    }

    /** What a bracket belongs to, for "to close the parallel block". */
    private static String owner(ParserRuleContext c) {
        if (c instanceof BlockContext) {
            return switch (c.getParent()) {
                case WorkflowDeclContext w -> "body of workflow '" + w.NAME().getText() + "'";
                case PhaseStmtContext p -> "phase " + p.string().getText() + " block";
                case ParallelStmtContext p -> "parallel block";
                case SequenceStmtContext s -> "sequence block";
                case DagStmtContext d -> "dag block";
                case RaceStmtContext r -> "race block";
                case RetryStmtContext r -> "retry block";
                case TimeoutStmtContext t -> "timeout block";
                case IfChainContext i -> "if block";
                case ForLoopContext f -> "for block";
                case LoopStmtContext l -> "loop block";
                case TryStmtContext t -> "try block";
                case CatchClauseContext cc -> "catch block";
                default -> "block";
            };
        }
        return switch (c) {
            case EntriesContext e -> "declaration body";
            case MapExprContext m -> "map";
            case ListExprContext l -> "list";
            case CallExprContext call -> "call to " + call.NAME().getText();
            case WorkflowDeclContext w -> "parameters of workflow '" + w.NAME().getText() + "'";
            case ModelDeclContext m -> "arguments of " + m.NAME(1).getText();
            default -> "parenthesis";
        };
    }

    private static String describe(ParserRuleContext ctx, IntervalSet expected) {
        if (enclosing(ctx, ExprContext.class, PrimaryContext.class, ArgumentContext.class) != null
                && expected.contains(NAME) && expected.contains(NUMBER)) {
            return "an expression";
        }
        if (ctx instanceof BlockContext && expected.contains(PARALLEL)) return "a statement or '}'";
        if (ctx instanceof StatementContext && expected.contains(PARALLEL)) return "a statement";
        List<String> names = new ArrayList<>();
        for (int t : expected.toArray()) {
            if (t == OrchLexer.SEMI || t == OrchLexer.STR_NEWLINE) continue;
            String name = TokenNames.expected(t);
            if (!names.contains(name)) names.add(name);
        }
        if (names.isEmpty()) return "something else";
        if (names.size() == 1) return names.get(0);
        if (names.size() > 6) return "one of " + String.join(", ", names.subList(0, 6)) + ", ...";
        return "one of " + String.join(", ", names);
    }

    private static String hintFor(ParserRuleContext ctx) {
        if (enclosing(ctx, ParamContext.class, ParamsContext.class) != null) {
            return "parameters look like: workflow main(topic: text = \"x\", rounds: number = 3)";
        }
        if (enclosing(ctx, RetryStmtContext.class) != null) {
            return "retry looks like: retry 3 backoff 1s max 30s jitter on timeout, server { ... }";
        }
        if (enclosing(ctx, ForLoopContext.class) != null) return "for looks like: for x in items parallel max 4 { ... }";
        if (enclosing(ctx, ModelDeclContext.class) != null) return "a model looks like: model fast = mock(latency: 20ms)";
        if (enclosing(ctx, ExprContext.class, PrimaryContext.class) != null) {
            return "an expression is a name, a literal, a call like f(x, key: value), or operators between them";
        }
        return "see LANGUAGE.md for the statement forms";
    }

    private static boolean startsEntry(int type) {
        return type == NAME || type == QUOTE || type == TRIPLE_QUOTE || (type >= MODEL && type <= MATCHES);
    }

    private static boolean isDeclarationKeyword(int type) {
        return type == MODEL || type == AGENT || type == BREAKER || type == WORKFLOW || type == IMPORT || type == BUDGET;
    }

    private static boolean previousOnSameLine(Parser parser, Token token) {
        Token prev = previous(parser, token);
        return prev != null && prev.getLine() == token.getLine();
    }

    private static Token previous(Parser parser, Token token) {
        int i = token.getTokenIndex() - 1;
        while (i >= 0) {
            Token t = parser.getTokenStream().get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) return t;
            i--;
        }
        return null;
    }

    @SafeVarargs
    private static ParserRuleContext enclosing(ParserRuleContext ctx, Class<? extends ParserRuleContext>... types) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            for (Class<? extends ParserRuleContext> type : types) if (type.isInstance(c)) return c;
        }
        return null;
    }

    private static String position(Token t) {
        return t.getLine() + ":" + (t.getCharPositionInLine() + 1);
    }

    private Diagnostic error(Token t, String message, String hint) {
        int length = t.getType() == Token.EOF || t.getText() == null ? 1 : Math.max(1, t.getText().codePointCount(0, t.getText().length()));
        return error(t.getLine(), t.getCharPositionInLine() + 1, length, message, hint);
    }

    private Diagnostic error(int line, int col, int length, String message, String hint) {
        return Diagnostic.error(new Span(file, line, col, length), message, hint);
    }
}

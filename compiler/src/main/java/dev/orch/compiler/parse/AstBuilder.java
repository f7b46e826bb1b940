package dev.orch.compiler.parse;

import static dev.orch.grammar.OrchParser.*;

import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.Stmt;
import dev.orch.compiler.ast.Test;
import dev.orch.compiler.ast.TypeExpr;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.grammar.OrchLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The only class that knows the parse tree: it turns it into immutable AST records with spans. It tells the tree's
 * contexts apart with {@code instanceof} chains, not type switches: ANTLR's contexts are not sealed, so a switch would
 * check nothing more, and each switch costs every start of `orch` a generated class (docs/startup.md).
 */
final class AstBuilder {
    private static final char HOLE = '\u0000';

    private final String file;
    private final List<Diagnostic> diagnostics;
    /** The source text when every character is one code point, so a token's indices are char indices; else null. */
    private final String bmpText;

    AstBuilder(String file, String text, List<Diagnostic> diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.bmpText = text.length() == text.codePointCount(0, text.length()) ? text : null;
    }

    Program program(ProgramContext ctx) {
        List<Decl> decls = new ArrayList<>();
        List<Test> tests = new ArrayList<>();
        for (DeclarationContext d : ctx.declaration()) {
            if (d instanceof TestDeclContext t) tests.add(test(t));
            else decls.add(declaration(d));
        }
        return new Program(file, decls, tests);
    }

    private Test test(TestDeclContext c) {
        List<Decl> decls = new ArrayList<>();
        List<Stmt> statements = new ArrayList<>();
        for (TestItemContext item : c.testBody().testItem()) {
            if (item.statement() != null) {
                statements.add(statement(item.statement()));
            } else if (item.declaration() instanceof TestDeclContext inner) {
                diagnostics.add(Diagnostic.error(span(inner.NAME()), "a test cannot hold another test",
                        "move test " + quoted(inner.string()) + " out to the top level of the file"));
            } else {
                decls.add(declaration(item.declaration()));
            }
        }
        Expr name = string(c.string());
        Block body = new Block(span(c.testBody().LBRACE()), statements);
        return new Test(span(c.NAME()), constantText(name, "a test name"), name.span(), decls, body,
                span(c.testBody().RBRACE()));
    }

    private String quoted(StringContext s) {
        return s.getText();
    }

    private Decl declaration(DeclarationContext ctx) {
        if (ctx instanceof ImportDeclContext c) {
            Expr path = string(c.string());
            return new Decl.Import(span(c), constantText(path, "an import path"), path.span());
        }
        if (ctx instanceof ModelDeclContext c) {
            List<Expr> args = new ArrayList<>();
            List<Expr.Option> options = new ArrayList<>();
            if (c.arguments() != null) arguments(c.arguments(), args, options);
            return new Decl.Model(span(c), c.NAME(0).getText(), span(c.NAME(0)), c.NAME(1).getText(),
                    span(c.NAME(1)), args, options);
        }
        if (ctx instanceof AgentDeclContext c) return agent(c);
        if (ctx instanceof BreakerDeclContext c) {
            return new Decl.Breaker(span(c), c.NAME().getText(), span(c.NAME()), entries(c.entries().entry()));
        }
        if (ctx instanceof BudgetDeclContext c) return new Decl.Budget(span(c), entries(c.entries().entry()));
        if (ctx instanceof McpDeclContext c) {
            return new Decl.Mcp(span(c), c.NAME(1).getText(), span(c.NAME(1)), entries(c.entries().entry()));
        }
        if (ctx instanceof WorkflowDeclContext c) {
            return new Decl.Workflow(span(c), c.NAME().getText(), span(c.NAME()), params(c.params(), false),
                    c.typeExpr() == null ? null : type(c.typeExpr()), block(c.block()));
        }
        if (ctx instanceof ToolDeclContext c) {
            String description = c.string() == null ? null : constantText(string(c.string()), "a tool's description");
            return new Decl.Workflow(span(c), c.NAME(1).getText(), span(c.NAME(1)), params(c.params(), true),
                    c.typeExpr() == null ? null : type(c.typeExpr()), block(c.block()),
                    new Decl.Tool(description, c.string() == null ? span(c.NAME(1)) : span(c.string())));
        }
        if (ctx instanceof TypeDeclContext c) {
            return new Decl.Type(span(c), c.NAME(1).getText(), span(c.NAME(1)), objectType(c.objectType()));
        }
        throw new IllegalStateException("grammar and AstBuilder disagree: " + ctx.getClass());
    }

    /** A workflow's or a tool's parameters; only a tool's may say what they are for. */
    private List<Decl.Param> params(ParamsContext ctx, boolean tool) {
        List<Decl.Param> params = new ArrayList<>();
        if (ctx == null) return params;
        for (ParamContext p : ctx.param()) {
            String description = null;
            if (p.string() != null) {
                if (tool) {
                    description = constantText(string(p.string()), "a parameter's description");
                } else {
                    diagnostics.add(Diagnostic.error(span(p.string()), "a workflow's parameter has no description; a tool's does",
                            "remove the text, or declare a tool: tool NAME(" + p.NAME().getText() + ": T \"what it is\") \"what it does\" { ... }"));
                }
            }
            params.add(new Decl.Param(p.NAME().getText(), span(p.NAME()), p.typeExpr() == null ? null : type(p.typeExpr()),
                    p.expr() == null ? null : expr(p.expr()), description));
        }
        return params;
    }

    private List<Entry> entries(List<EntryContext> ctxs) {
        List<Entry> out = new ArrayList<>();
        for (EntryContext e : ctxs) {
            if (e.typeExpr() == null) out.add(new Entry(key(e.key()), span(e.key()), expr(e.expr())));
        }
        return out;
    }

    private String key(KeyContext key) {
        return key.anyName() != null ? key.anyName().getText() : constantText(string(key.string()), "a key");
    }

    private Decl.Agent agent(AgentDeclContext c) {
        TypeExpr output = null;
        Span outputSpan = null;
        for (EntryContext e : c.entries().entry()) {
            if (e.typeExpr() == null) continue;
            if (output != null) {
                diagnostics.add(Diagnostic.error(span(e.NAME()), "key 'output' is set twice; the first is at " + outputSpan.position(),
                        "keep one `output: T`"));
            } else {
                output = type(e.typeExpr());
                outputSpan = span(e.NAME());
            }
        }
        boolean extended = c.NAME().size() > 1;
        return new Decl.Agent(span(c), c.NAME(0).getText(), span(c.NAME(0)), extended ? c.NAME(1).getText() : null,
                extended ? span(c.NAME(1)) : null, entries(c.entries().entry()), output, outputSpan);
    }

    // ---- types ----------------------------------------------------------------------------------------------

    private TypeExpr type(TypeExprContext ctx) {
        Span span = span(ctx);
        if (ctx instanceof OptionalTypeContext c) return new TypeExpr.Nullable(span, type(c.typeExpr()));
        if (ctx instanceof UnionTypeContext c) {
            return new TypeExpr.Union(span,
                    c.string().stream().map(s -> constantText(string(s), "a literal in a union type")).toList());
        }
        if (ctx instanceof ListTypeContext c) return new TypeExpr.ListOf(span, type(c.typeExpr()));
        if (ctx instanceof ObjectTypeExprContext c) return objectType(c.objectType());
        if (ctx instanceof NamedTypeContext c) return new TypeExpr.Named(span, c.NAME().getText());
        if (ctx instanceof ParenTypeContext c) return type(c.typeExpr());
        throw new IllegalStateException("grammar and AstBuilder disagree: " + ctx.getClass());
    }

    private TypeExpr.Obj objectType(ObjectTypeContext ctx) {
        List<TypeExpr.Field> fields = new ArrayList<>();
        for (TypeFieldContext f : ctx.typeField()) {
            fields.add(new TypeExpr.Field(key(f.key()), span(f.key()), f.QUESTION() != null, type(f.typeExpr())));
        }
        return new TypeExpr.Obj(span(ctx.LBRACE()), fields);
    }

    private Block block(BlockContext ctx) {
        List<Stmt> statements = new ArrayList<>();
        for (StatementContext s : ctx.statement()) statements.add(statement(s));
        return new Block(span(ctx.LBRACE()), statements);
    }

    private Stmt statement(StatementContext ctx) {
        Span span = span(ctx);
        if (ctx instanceof VarStmtContext c) return assignment(span, c.NAME().getSymbol(), true, c.forLoop(), c.expr());
        if (ctx instanceof AssignStmtContext c) {
            return assignment(span, c.target().NAME().getSymbol(), false, c.forLoop(), c.expr());
        }
        if (ctx instanceof SequenceStmtContext c) return new Stmt.Sequence(span, block(c.block()));
        if (ctx instanceof ParallelStmtContext c) {
            return new Stmt.Parallel(span, optional(c.expr()), c.SETTLE() != null, block(c.block()));
        }
        if (ctx instanceof DagStmtContext c) return new Stmt.Dag(span, optional(c.expr()), block(c.block()));
        if (ctx instanceof RaceStmtContext c) return new Stmt.Race(span, block(c.block()));
        if (ctx instanceof RetryStmtContext c) return retry(span, c);
        if (ctx instanceof TimeoutStmtContext c) return new Stmt.Timeout(span, expr(c.expr()), block(c.block()));
        if (ctx instanceof IfStmtContext c) return ifChain(c.ifChain());
        if (ctx instanceof ForStmtContext c) return forLoop(c.forLoop(), null, false);
        if (ctx instanceof LoopStmtContext c) return loop(span, c);
        if (ctx instanceof TryStmtContext c) return tryStmt(span, c);
        if (ctx instanceof PhaseStmtContext c) {
            return new Stmt.Phase(span, constantText(string(c.string()), "a phase name"), block(c.block()));
        }
        if (ctx instanceof PrintStmtContext c) return new Stmt.Print(span, expr(c.expr()));
        if (ctx instanceof ReturnStmtContext c) return new Stmt.Return(span, c.expr() == null ? null : expr(c.expr()));
        if (ctx instanceof FailStmtContext c) return new Stmt.Fail(span, expr(c.expr()));
        if (ctx instanceof BreakStmtContext c) return new Stmt.Break(span);
        if (ctx instanceof ExprStmtContext c) return new Stmt.Eval(span, expr(c.expr()));
        if (ctx instanceof ExpectStmtContext c) {
            return new Stmt.Expect(span, expr(c.expr(0)), c.expr().size() > 1 ? expr(c.expr(1)) : null);
        }
        throw new IllegalStateException("grammar and AstBuilder disagree: " + ctx.getClass());
    }

    private Stmt assignment(Span span, Token name, boolean declaresVar, ForLoopContext forLoop, ExprContext value) {
        if (forLoop != null) return forLoop(forLoop, name, declaresVar);
        return new Stmt.Assign(span, name.getText(), span(name), declaresVar, expr(value));
    }

    private Stmt retry(Span span, RetryStmtContext c) {
        // The expressions come in order: attempts, then backoff, then its max, each present only with its keyword.
        int i = 0;
        Expr attempts = expr(c.expr(i++));
        Expr backoff = c.BACKOFF() != null ? expr(c.expr(i++)) : null;
        Expr maxBackoff = c.MAX() != null ? expr(c.expr(i)) : null;
        return new Stmt.Retry(span, attempts, backoff, maxBackoff, c.JITTER() != null, kinds(c.kinds()), block(c.block()));
    }

    private Stmt loop(Span span, LoopStmtContext c) {
        int i = 0;
        Expr max = c.MAX() != null ? expr(c.expr(i++)) : null;
        Expr until = c.UNTIL() != null ? expr(c.expr(i)) : null;
        return new Stmt.Loop(span, max, until, block(c.block()));
    }

    private Stmt.If ifChain(IfChainContext c) {
        List<Stmt.Branch> branches = new ArrayList<>();
        Block otherwise = null;
        IfChainContext current = c;
        while (current != null) {
            branches.add(new Stmt.Branch(expr(current.expr()), block(current.block(0))));
            if (current.ifChain() != null) {
                current = current.ifChain();
            } else {
                if (current.block().size() > 1) otherwise = block(current.block(1));
                current = null;
            }
        }
        return new Stmt.If(span(c), branches, otherwise);
    }

    private Stmt forLoop(ForLoopContext c, Token into, boolean intoVar) {
        Expr items = expr(c.items);
        Expr where = c.where != null ? expr(c.where) : null;
        Expr max = c.max != null ? expr(c.max) : null;
        Span span = into != null ? span(into).to(span(c)) : span(c);
        return new Stmt.For(span, c.NAME().getText(), span(c.NAME()), items, where, c.PARALLEL() != null, max,
                block(c.block()), into == null ? null : into.getText(), into == null ? null : span(into), intoVar);
    }

    private Stmt tryStmt(Span span, TryStmtContext c) {
        List<Stmt.Catch> catches = new ArrayList<>();
        for (CatchClauseContext cc : c.catchClause()) {
            catches.add(new Stmt.Catch(span(cc), kinds(cc.kinds()), cc.NAME() == null ? null : cc.NAME().getText(),
                    cc.NAME() == null ? null : span(cc.NAME()), block(cc.block())));
        }
        List<Block> fallbacks = new ArrayList<>();
        for (int i = 1; i < c.block().size(); i++) fallbacks.add(block(c.block(i)));
        return new Stmt.Try(span, block(c.block(0)), catches, fallbacks);
    }

    private List<Stmt.KindRef> kinds(KindsContext ctx) {
        if (ctx == null) return List.of();
        return ctx.anyName().stream().map(k -> new Stmt.KindRef(k.getText(), span(k))).toList();
    }

    private Expr optional(ExprContext ctx) {
        return ctx == null ? null : expr(ctx);
    }

    private Expr expr(ExprContext ctx) {
        Span span = span(ctx);
        if (ctx instanceof PrimaryExprContext c) return primary(c.primary());
        if (ctx instanceof FieldExprContext c) return new Expr.Field(span, expr(c.expr()), c.anyName().getText());
        // A name that is not an identifier, written as text: an MCP tool `files."read-file"`, a key `m."max-age"`.
        if (ctx instanceof QuotedFieldExprContext c) {
            return new Expr.Field(span, expr(c.expr()), constantText(string(c.string()), "a quoted name"));
        }
        if (ctx instanceof IndexExprContext c) return new Expr.Index(span, expr(c.expr(0)), expr(c.expr(1)));
        if (ctx instanceof NegateExprContext c) return new Expr.Unary(span, Expr.UnaryOp.NEGATE, expr(c.expr()));
        if (ctx instanceof NotExprContext c) return new Expr.Unary(span, Expr.UnaryOp.NOT, expr(c.expr()));
        if (ctx instanceof MultiplyExprContext c) return binary(span, c.op, c.expr(0), c.expr(1));
        if (ctx instanceof AddExprContext c) return binary(span, c.op, c.expr(0), c.expr(1));
        if (ctx instanceof CompareExprContext c) return binary(span, c.op, c.expr(0), c.expr(1));
        if (ctx instanceof AsExprContext c) return new Expr.As(span, expr(c.expr()), type(c.typeExpr()));
        if (ctx instanceof AndExprContext c) {
            return new Expr.Binary(span, Expr.BinaryOp.AND, expr(c.expr(0)), expr(c.expr(1)));
        }
        if (ctx instanceof OrExprContext c) {
            return new Expr.Binary(span, Expr.BinaryOp.OR, expr(c.expr(0)), expr(c.expr(1)));
        }
        throw new IllegalStateException("grammar and AstBuilder disagree: " + ctx.getClass());
    }

    private Expr binary(Span span, Token op, ExprContext left, ExprContext right) {
        Expr.BinaryOp kind = switch (op.getType()) {
            case OrchLexer.STAR -> Expr.BinaryOp.MUL;
            case OrchLexer.SLASH -> Expr.BinaryOp.DIV;
            case OrchLexer.PERCENT -> Expr.BinaryOp.MOD;
            case OrchLexer.PLUS -> Expr.BinaryOp.ADD;
            case OrchLexer.MINUS -> Expr.BinaryOp.SUB;
            case OrchLexer.EQ -> Expr.BinaryOp.EQ;
            case OrchLexer.NE -> Expr.BinaryOp.NE;
            case OrchLexer.LT -> Expr.BinaryOp.LT;
            case OrchLexer.LE -> Expr.BinaryOp.LE;
            case OrchLexer.GT -> Expr.BinaryOp.GT;
            case OrchLexer.GE -> Expr.BinaryOp.GE;
            case OrchLexer.CONTAINS -> Expr.BinaryOp.CONTAINS;
            case OrchLexer.MATCHES -> Expr.BinaryOp.MATCHES;
            default -> throw new IllegalStateException("unknown operator " + op.getText());
        };
        // The span of an operator expression points at the operator, where a type error is easiest to see.
        return new Expr.Binary(span(op), kind, expr(left), expr(right));
    }

    private Expr primary(PrimaryContext ctx) {
        Span span = span(ctx);
        if (ctx instanceof CallExprContext c) {
            List<Expr> args = new ArrayList<>();
            List<Expr.Option> options = new ArrayList<>();
            if (c.arguments() != null) arguments(c.arguments(), args, options);
            return new Expr.Call(span, c.callee.getText(), span(c.callee), args, options);
        }
        if (ctx instanceof NameExprContext c) return new Expr.Name(span, c.NAME().getText());
        if (ctx instanceof NumberExprContext c) return new Expr.Num(span, Double.parseDouble(c.getText()));
        if (ctx instanceof DurationExprContext c) return new Expr.Duration(span, durationMillis(c.getText()));
        if (ctx instanceof BadNumberExprContext c) {
            diagnostics.add(Diagnostic.error(span, "bad number or duration '" + c.getText() + "'",
                    badNumberHint(c.getText())));
            return new Expr.Num(span, 0);
        }
        if (ctx instanceof StringExprContext c) return string(c.string());
        if (ctx instanceof TrueExprContext c) return new Expr.Bool(span, true);
        if (ctx instanceof FalseExprContext c) return new Expr.Bool(span, false);
        if (ctx instanceof NullExprContext c) return new Expr.Null(span);
        if (ctx instanceof ListExprContext c) return new Expr.ListOf(span, c.expr().stream().map(this::expr).toList());
        if (ctx instanceof MapExprContext c) return new Expr.MapOf(span, entries(c.entry()));
        if (ctx instanceof ParenExprContext c) return expr(c.expr());
        throw new IllegalStateException("grammar and AstBuilder disagree: " + ctx.getClass());
    }

    private void arguments(ArgumentsContext ctx, List<Expr> args, List<Expr.Option> options) {
        for (ArgumentContext a : ctx.argument()) {
            if (a.anyName() != null) {
                options.add(new Expr.Option(a.anyName().getText(), span(a.anyName()), expr(a.expr())));
            } else {
                if (!options.isEmpty()) {
                    diagnostics.add(Diagnostic.error(span(a), "a positional argument after named ones",
                            "put positional arguments first: f(x, key: value)"));
                }
                args.add(expr(a.expr()));
            }
        }
    }

    /** `10sec` suggests `10s`; any other malformed number gets the forms written out. */
    static String badNumberHint(String text) {
        String forms = "numbers look like 12 or 0.5; durations are a number and a unit: 250ms, 2s, 5m or 1h";
        int unitAt = 0;
        while (unitAt < text.length() && (Character.isDigit(text.charAt(unitAt)) || text.charAt(unitAt) == '.')) unitAt++;
        String amount = text.substring(0, unitAt);
        String unit = switch (text.substring(unitAt).toLowerCase(java.util.Locale.ROOT)) {
            case "msec", "msecs", "millis", "millisecond", "milliseconds" -> "ms";
            case "sec", "secs", "second", "seconds" -> "s";
            case "min", "mins", "minute", "minutes" -> "m";
            case "hr", "hrs", "hour", "hours" -> "h";
            default -> null;
        };
        if (unit != null && amount.indexOf('.') == amount.lastIndexOf('.')) return "write " + amount + unit + "; " + forms;
        return forms;
    }

    static long durationMillis(String text) {
        int unitAt = 0;
        while (unitAt < text.length() && (Character.isDigit(text.charAt(unitAt)) || text.charAt(unitAt) == '.')) unitAt++;
        double amount = Double.parseDouble(text.substring(0, unitAt));
        double factor = switch (text.substring(unitAt)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> throw new IllegalArgumentException("not a duration: " + text);
        };
        return Math.round(amount * factor);
    }

    // ---- strings --------------------------------------------------------------------------------------------

    /** A string literal: plain {@link Expr.Text} when it has no interpolation, else a {@link Expr.Template}. */
    private Expr string(StringContext ctx) {
        Span span = span(ctx);
        List<Expr> holes = new ArrayList<>();
        List<Token> escapes = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        boolean triple = ctx.TRIPLE_QUOTE() != null;
        List<? extends ParserRuleContext> parts = triple ? ctx.tripleStringPart() : ctx.stringPart();
        for (ParserRuleContext part : parts) {
            ExprContext hole = part.getRuleContext(ExprContext.class, 0);
            if (hole != null) {
                holes.add(expr(hole));
                raw.append(HOLE);
            } else {
                Token t = ((TerminalNode) part.getChild(0)).getSymbol();
                if (t.getType() == OrchLexer.STR_ESCAPE || t.getType() == OrchLexer.TSTR_ESCAPE) escapes.add(t);
                raw.append(withoutNul(t));
            }
        }
        for (Token e : escapes) checkEscape(e);
        String text = triple ? dedent(raw.toString()) : raw.toString();
        List<Expr> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int hole = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == HOLE) {
                if (!current.isEmpty()) out.add(new Expr.Text(span, unescape(current.toString())));
                current.setLength(0);
                out.add(holes.get(hole++));
            } else {
                current.append(ch);
            }
        }
        if (holes.isEmpty()) return new Expr.Text(span, unescape(current.toString()));
        if (!current.isEmpty()) out.add(new Expr.Text(span, unescape(current.toString())));
        return new Expr.Template(span, out);
    }

    /** A NUL is no character of any text a script means (and marks a hole here): reported, and left out. */
    private String withoutNul(Token t) {
        String text = t.getText();
        if (text.indexOf(HOLE) < 0) return text;
        diagnostics.add(Diagnostic.error(span(t), "a NUL character (code 0) inside a string",
                "remove it; text in a script cannot hold NUL"));
        return text.replace(String.valueOf(HOLE), "");
    }

    private void checkEscape(Token t) {
        String text = t.getText();
        if (text.length() < 2 || "\"\\nt{}r".indexOf(text.charAt(1)) < 0) {
            diagnostics.add(Diagnostic.error(span(t), "unknown escape '" + text + "'",
                    "the escapes are \\\" \\\\ \\n \\t and \\{ ; write \\\\ for a backslash"));
        }
    }

    private static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) return raw;
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                b.append(c);
                continue;
            }
            char n = raw.charAt(++i);
            b.append(switch (n) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                default -> n;
            });
        }
        return b.toString();
    }

    /**
     * Triple-quoted text: drop the line break after the opening quotes and the blank line before the closing ones,
     * then remove the indentation common to every non-blank line (as Kotlin's trimIndent and Swift do).
     */
    static String dedent(String raw) {
        String text = raw.replace("\r\n", "\n");
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.size() > 1 && lines.get(0).isBlank()) lines.remove(0);
        if (lines.size() > 1 && lines.get(lines.size() - 1).isBlank()) lines.remove(lines.size() - 1);
        int common = Integer.MAX_VALUE;
        for (String line : lines) {
            if (line.isBlank()) continue;
            int indent = 0;
            while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) indent++;
            common = Math.min(common, indent);
        }
        if (common == Integer.MAX_VALUE) common = 0;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i > 0) out.append('\n');
            out.append(line.isBlank() ? "" : line.substring(common));
        }
        return out.toString();
    }

    private String constantText(Expr e, String what) {
        if (e instanceof Expr.Text t) return t.value();
        diagnostics.add(Diagnostic.error(e.span(), what + " must be plain text, without {interpolation}",
                "write the text out in full; a '{' that is meant literally is written \\{"));
        return "";
    }

    // ---- spans ----------------------------------------------------------------------------------------------

    private Span span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        int length = tokenLength(start);
        if (stop != null && stop.getLine() == start.getLine() && stop.getStopIndex() >= start.getStartIndex()) {
            length = stop.getCharPositionInLine() + tokenLength(stop) - start.getCharPositionInLine();
        }
        return new Span(file, start.getLine(), start.getCharPositionInLine() + 1, Math.max(1, length));
    }

    private Span span(ParseTree node) {
        return node instanceof TerminalNode t ? span(t.getSymbol()) : span((ParserRuleContext) node);
    }

    private Span span(Token t) {
        return new Span(file, t.getLine(), t.getCharPositionInLine() + 1, Math.max(1, tokenLength(t)));
    }

    /** A token's length in code points up to its first line break. Reads the source in place: no token text built. */
    private int tokenLength(Token t) {
        int from = t.getStartIndex();
        int to = t.getStopIndex();
        if (bmpText != null && t.getType() != Token.EOF && from >= 0 && to < bmpText.length()) {
            int i = from;
            while (i <= to && bmpText.charAt(i) != '\n') i++;
            return Math.max(0, i - from);
        }
        String text = t.getText();
        if (text == null || t.getType() == Token.EOF) return 1;
        int nl = text.indexOf('\n');
        String firstLine = nl < 0 ? text : text.substring(0, nl);
        return firstLine.codePointCount(0, firstLine.length());
    }
}

package dev.orch.compiler.format;

import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Stmt;
import dev.orch.compiler.ast.TypeExpr;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prints a {@link Program} back as Orch source that parses to the same AST (spans aside): parentheses only where
 * precedence needs them, two-space indentation, strings on one line with their escapes. It guards the AST builder
 * through a parse, print, parse round trip, and is the start of `orch fmt`.
 */
public final class AstPrinter {
    private static final Pattern WORD = Pattern.compile("[a-zA-Z_][a-zA-Z_0-9]*");
    private static final int POSTFIX = 11;
    private static final int NEGATE = 10;
    private static final int AS = 7;
    private static final int NOT = 5;
    private static final int LOWEST = 0;

    private final StringBuilder out = new StringBuilder();
    private int depth;

    private AstPrinter() {}

    public static String print(Program program) {
        AstPrinter p = new AstPrinter();
        Decl previous = null;
        for (Decl d : program.declarations()) {
            // A blank line between declarations of different kinds and around every workflow.
            if (previous != null && (previous.getClass() != d.getClass() || d instanceof Decl.Workflow)) p.out.append('\n');
            p.declaration(d);
            previous = d;
        }
        return p.out.toString();
    }

    /** A type as source: `[text]`, `{ name: text, notes?: text }`, `("a" | "b")?`. */
    public static String print(TypeExpr t) {
        return switch (t) {
            case TypeExpr.Named n -> n.name();
            case TypeExpr.ListOf l -> "[" + print(l.item()) + "]";
            case TypeExpr.Union u -> String.join(" | ", u.literals().stream().map(AstPrinter::quote).toList());
            case TypeExpr.Nullable n -> (n.inner() instanceof TypeExpr.Union ? "(" + print(n.inner()) + ")" : print(n.inner())) + "?";
            case TypeExpr.Obj o -> {
                if (o.fields().isEmpty()) yield "{}";
                yield "{ " + String.join(", ", o.fields().stream().map(f -> (WORD.matcher(f.name()).matches() ? f.name() : quote(f.name()))
                        + (f.optional() ? "?" : "") + ": " + print(f.type())).toList()) + " }";
            }
        };
    }

    /** One expression as source, for messages and tests. */
    public static String print(Expr e) {
        return new AstPrinter().expr(e, LOWEST);
    }

    // ---- declarations ---------------------------------------------------------------------------------------

    private void declaration(Decl d) {
        switch (d) {
            case Decl.Import i -> out.append("import ").append(quote(i.path())).append('\n');
            case Decl.Model m -> out.append("model ").append(m.name()).append(" = ").append(m.provider())
                    .append(arguments(m.args(), m.options())).append('\n');
            case Decl.Agent a -> {
                out.append("agent ").append(a.name());
                if (a.parent() != null) out.append(" extends ").append(a.parent());
                String entries = entries(a.entries());
                if (a.output() != null) {
                    String output = "output: " + print(a.output());
                    entries = entries.equals("{}") ? "{ " + output + " }" : entries.substring(0, entries.length() - 2) + ", " + output + " }";
                }
                out.append(' ').append(entries).append('\n');
            }
            case Decl.Type t -> out.append("type ").append(t.name()).append(' ').append(print(t.body())).append('\n');
            case Decl.Breaker b -> out.append("breaker ").append(b.name()).append(' ').append(entries(b.entries())).append('\n');
            case Decl.Budget b -> out.append("budget ").append(entries(b.entries())).append('\n');
            case Decl.Mcp m -> out.append("mcp ").append(m.name()).append(' ').append(entries(m.entries())).append('\n');
            case Decl.Workflow w -> {
                out.append(w.isTool() ? "tool " : "workflow ").append(w.name()).append('(');
                for (int i = 0; i < w.params().size(); i++) {
                    Decl.Param p = w.params().get(i);
                    if (i > 0) out.append(", ");
                    out.append(p.name());
                    if (p.type() != null) out.append(": ").append(print(p.type()));
                    if (p.type() != null && p.description() != null) out.append(' ').append(quote(p.description()));
                    if (p.defaultValue() != null) out.append(" = ").append(expr(p.defaultValue(), LOWEST));
                }
                out.append(") ");
                if (w.returns() != null) out.append("-> ").append(print(w.returns())).append(' ');
                if (w.isTool() && w.tool().description() != null) out.append(quote(w.tool().description())).append(' ');
                block(w.body());
                out.append('\n');
            }
        }
    }

    // ---- statements -----------------------------------------------------------------------------------------

    /** Writes `{`, the statements one a line, and the closing `}` (without a line break after it). */
    private void block(Block b) {
        out.append("{\n");
        depth++;
        for (Stmt s : b.statements()) {
            indent();
            statement(s);
            out.append('\n');
        }
        depth--;
        indent();
        out.append('}');
    }

    private void statement(Stmt s) {
        switch (s) {
            case Stmt.Assign a -> out.append(a.declaresVar() ? "var " : "").append(a.name()).append(" = ")
                    .append(expr(a.value(), LOWEST));
            case Stmt.Sequence q -> {
                out.append("sequence ");
                block(q.body());
            }
            case Stmt.Parallel p -> {
                out.append("parallel ");
                if (p.max() != null) out.append("max ").append(expr(p.max(), LOWEST)).append(' ');
                if (p.settle()) out.append("settle ");
                block(p.body());
            }
            case Stmt.Dag d -> {
                out.append("dag ");
                if (d.max() != null) out.append("max ").append(expr(d.max(), LOWEST)).append(' ');
                block(d.body());
            }
            case Stmt.Race r -> {
                out.append("race ");
                block(r.body());
            }
            case Stmt.Retry r -> {
                out.append("retry ").append(expr(r.attempts(), LOWEST)).append(' ');
                if (r.backoff() != null) {
                    out.append("backoff ").append(expr(r.backoff(), LOWEST)).append(' ');
                    if (r.maxBackoff() != null) out.append("max ").append(expr(r.maxBackoff(), LOWEST)).append(' ');
                }
                if (r.jitter()) out.append("jitter ");
                if (!r.on().isEmpty()) out.append("on ").append(kinds(r.on())).append(' ');
                block(r.body());
            }
            case Stmt.Timeout t -> {
                out.append("timeout ").append(expr(t.duration(), LOWEST)).append(' ');
                block(t.body());
            }
            case Stmt.If i -> {
                for (int b = 0; b < i.branches().size(); b++) {
                    Stmt.Branch branch = i.branches().get(b);
                    out.append(b == 0 ? "if " : " else if ").append(expr(branch.condition(), LOWEST)).append(' ');
                    block(branch.body());
                }
                if (i.otherwise() != null) {
                    out.append(" else ");
                    block(i.otherwise());
                }
            }
            case Stmt.For f -> {
                if (f.into() != null) out.append(f.intoVar() ? "var " : "").append(f.into()).append(" = ");
                out.append("for ").append(f.variable()).append(" in ").append(expr(f.items(), LOWEST)).append(' ');
                if (f.where() != null) out.append("where ").append(expr(f.where(), LOWEST)).append(' ');
                if (f.parallel()) {
                    out.append("parallel ");
                    if (f.max() != null) out.append("max ").append(expr(f.max(), LOWEST)).append(' ');
                }
                block(f.body());
            }
            case Stmt.Loop l -> {
                out.append("loop ");
                if (l.max() != null) out.append("max ").append(expr(l.max(), LOWEST)).append(' ');
                if (l.until() != null) out.append("until ").append(expr(l.until(), LOWEST)).append(' ');
                block(l.body());
            }
            case Stmt.Try t -> {
                out.append("try ");
                block(t.body());
                for (Stmt.Catch c : t.catches()) {
                    out.append(" catch ");
                    if (!c.kinds().isEmpty()) out.append(kinds(c.kinds())).append(' ');
                    if (c.as() != null) out.append("as ").append(c.as()).append(' ');
                    block(c.body());
                }
                for (Block f : t.fallbacks()) {
                    out.append(" fallback ");
                    block(f);
                }
            }
            case Stmt.Phase p -> {
                out.append("phase ").append(quote(p.name())).append(' ');
                block(p.body());
            }
            case Stmt.Print p -> out.append("print ").append(expr(p.value(), LOWEST));
            case Stmt.Return r -> out.append(r.value() == null ? "return" : "return " + expr(r.value(), LOWEST));
            case Stmt.Fail f -> out.append("fail ").append(expr(f.message(), LOWEST));
            case Stmt.Break b -> out.append("break");
            case Stmt.Eval e -> out.append(expr(e.value(), LOWEST));
        }
    }

    private static String kinds(List<Stmt.KindRef> kinds) {
        return String.join(", ", kinds.stream().map(Stmt.KindRef::name).toList());
    }

    private void indent() {
        out.append("  ".repeat(depth));
    }

    // ---- expressions ----------------------------------------------------------------------------------------

    /** The expression, in parentheses when it binds looser than its place needs ({@code context}). */
    private String expr(Expr e, int context) {
        String text = switch (e) {
            case Expr.Name n -> n.name();
            case Expr.Text t -> quote(t.value());
            case Expr.Num n -> number(n.value());
            case Expr.Bool b -> String.valueOf(b.value());
            case Expr.Null n -> "null";
            case Expr.Duration d -> duration(d.millis());
            case Expr.Template t -> template(t);
            case Expr.ListOf l -> "[" + String.join(", ", l.items().stream().map(i -> expr(i, LOWEST)).toList()) + "]";
            case Expr.MapOf m -> entries(m.entries());
            case Expr.Field f -> expr(f.target(), POSTFIX) + "." + (WORD.matcher(f.name()).matches() ? f.name() : quote(f.name()));
            case Expr.Index i -> expr(i.target(), POSTFIX) + "[" + expr(i.index(), LOWEST) + "]";
            case Expr.Call c -> c.callee() + arguments(c.args(), c.options());
            // `not (a contains b)`: the grammar needs no parentheses there, but a reader may take `not a` first.
            case Expr.Unary u -> u.op() == Expr.UnaryOp.NOT
                    ? "not " + expr(u.operand(), u.operand() instanceof Expr.Binary ? POSTFIX : NOT)
                    : "-" + spacedNegation(expr(u.operand(), NEGATE));
            case Expr.Binary b -> expr(b.left(), precedence(b.op())) + " " + b.op().symbol + " "
                    + expr(b.right(), precedence(b.op()) + 1);
            case Expr.As a -> expr(a.value(), AS) + " as " + print(a.type());
        };
        return precedence(e) < context ? "(" + text + ")" : text;
    }

    /** `- -x` rather than `--x`, which reads like a decrement. */
    private static String spacedNegation(String operand) {
        return operand.startsWith("-") ? " " + operand : operand;
    }

    private static int precedence(Expr e) {
        return switch (e) {
            case Expr.Unary u -> u.op() == Expr.UnaryOp.NOT ? NOT : NEGATE;
            case Expr.Binary b -> precedence(b.op());
            case Expr.As a -> AS;
            default -> POSTFIX;
        };
    }

    private static int precedence(Expr.BinaryOp op) {
        return switch (op) {
            case MUL, DIV, MOD -> 9;
            case ADD, SUB -> 8;
            case EQ, NE, LT, LE, GT, GE, CONTAINS, MATCHES -> 6;
            case AND -> 4;
            case OR -> 3;
        };
    }

    private String arguments(List<Expr> args, List<Expr.Option> options) {
        StringBuilder b = new StringBuilder("(");
        for (Expr a : args) {
            if (b.length() > 1) b.append(", ");
            b.append(expr(a, LOWEST));
        }
        for (Expr.Option o : options) {
            if (b.length() > 1) b.append(", ");
            b.append(o.name()).append(": ").append(expr(o.value(), LOWEST));
        }
        return b.append(')').toString();
    }

    private String entries(List<Entry> entries) {
        if (entries.isEmpty()) return "{}";
        StringBuilder b = new StringBuilder("{ ");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (i > 0) b.append(", ");
            b.append(WORD.matcher(e.key()).matches() ? e.key() : quote(e.key())).append(": ").append(expr(e.value(), LOWEST));
        }
        return b.append(" }").toString();
    }

    private String template(Expr.Template t) {
        StringBuilder b = new StringBuilder("\"");
        for (Expr part : t.parts()) {
            if (part instanceof Expr.Text text) b.append(escape(text.value()));
            else b.append('{').append(expr(part, LOWEST)).append('}');
        }
        return b.append('"').toString();
    }

    private static String quote(String text) {
        return "\"" + escape(text) + "\"";
    }

    private static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '{' -> b.append("\\{");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Numbers as written: `12`, `0.5`; never an exponent, which Orch does not lex. */
    public static String number(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    }

    /** The largest unit that shows the duration exactly. */
    public static String duration(long millis) {
        if (millis != 0 && millis % 3_600_000 == 0) return millis / 3_600_000 + "h";
        if (millis != 0 && millis % 60_000 == 0) return millis / 60_000 + "m";
        if (millis != 0 && millis % 1_000 == 0) return millis / 1_000 + "s";
        return millis + "ms";
    }
}

package dev.orch.compiler.plan.render;

import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import java.util.Locale;
import java.util.StringJoiner;

/** An expression written back as Orch source, on one line, for plans a person reads. */
public final class ExprText {
    private ExprText() {}

    public static String of(Expr e) {
        StringBuilder b = new StringBuilder();
        write(e, b, 0);
        return b.toString();
    }

    /** The same, cut to {@code max} characters with an ellipsis, so one long prompt does not swamp a plan. */
    public static String brief(Expr e, int max) {
        String s = of(e);
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 3)) + "...";
    }

    private static void write(Expr e, StringBuilder b, int outer) {
        switch (e) {
            case null -> {}
            case Expr.Name n -> b.append(n.name());
            case Expr.Text t -> b.append('"').append(escape(t.value())).append('"');
            case Expr.Num n -> b.append(number(n.value()));
            case Expr.Bool v -> b.append(v.value());
            case Expr.Null n -> b.append("null");
            case Expr.Duration d -> b.append(duration(d.millis()));
            case Expr.Template t -> {
                b.append('"');
                for (Expr p : t.parts()) {
                    if (p instanceof Expr.Text text) b.append(escape(text.value()));
                    else {
                        b.append('{');
                        write(p, b, 0);
                        b.append('}');
                    }
                }
                b.append('"');
            }
            case Expr.ListOf l -> {
                StringJoiner j = new StringJoiner(", ", "[", "]");
                for (Expr i : l.items()) j.add(of(i));
                b.append(j);
            }
            case Expr.MapOf m -> {
                StringJoiner j = new StringJoiner(", ", "{ ", " }");
                for (Entry en : m.entries()) j.add(en.key() + ": " + of(en.value()));
                b.append(m.entries().isEmpty() ? "{}" : j.toString());
            }
            case Expr.Field f -> {
                write(f.target(), b, 100);
                b.append('.').append(f.name());
            }
            case Expr.Index i -> {
                write(i.target(), b, 100);
                b.append('[');
                write(i.index(), b, 0);
                b.append(']');
            }
            case Expr.Call c -> {
                StringJoiner j = new StringJoiner(", ", c.callee() + "(", ")");
                for (Expr a : c.args()) j.add(of(a));
                for (Expr.Option o : c.options()) j.add(o.name() + ": " + of(o.value()));
                b.append(j);
            }
            case Expr.Unary u -> {
                b.append(u.op() == Expr.UnaryOp.NOT ? "not " : "-");
                write(u.operand(), b, 90);
            }
            case Expr.Binary bin -> {
                int p = precedence(bin.op());
                if (p < outer) b.append('(');
                write(bin.left(), b, p);
                b.append(' ').append(bin.op().symbol).append(' ');
                write(bin.right(), b, p + 1);
                if (p < outer) b.append(')');
            }
        }
    }

    private static int precedence(Expr.BinaryOp op) {
        return switch (op) {
            case OR -> 10;
            case AND -> 20;
            case EQ, NE, LT, LE, GT, GE, CONTAINS, MATCHES -> 30;
            case ADD, SUB -> 40;
            case MUL, DIV, MOD -> 50;
        };
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    public static String duration(long ms) {
        if (ms != 0 && ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms != 0 && ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms != 0 && ms % 1_000 == 0) return ms / 1_000 + "s";
        if (ms >= 1_000) return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        return ms + "ms";
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '{' -> b.append("\\{");
                default -> b.append(c < 0x20 ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }
}

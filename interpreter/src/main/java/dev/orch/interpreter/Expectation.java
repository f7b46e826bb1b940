package dev.orch.interpreter;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.format.AstPrinter;
import dev.orch.compiler.plan.Node;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * `expect COND [, MESSAGE]`: evaluates the condition once, keeping the value of each part it was made of, so a
 * failure can say `calls(reviewer) was 3` without evaluating anything a second time (a second agent call could
 * answer differently). The operands of a comparison are evaluated, then compared; `and`, `or` and `not` look into
 * their sides, and keep short-circuiting. Literals are not shown: their value is written in the expectation.
 */
final class Expectation {
    private static final int SHOWN = 200;

    private record Part(String source, Value value) {}

    private final Evaluator evaluator;

    Expectation(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    void check(Node.Expect n, Ctx c) {
        List<Part> parts = new ArrayList<>();
        if (holds(n.condition(), c, parts)) return;
        StringBuilder m = new StringBuilder();
        if (n.message() != null) m.append(Values.show(evaluator.eval(n.message(), c))).append('\n');
        m.append("expect ").append(AstPrinter.print(n.condition()));
        List<String> seen = new ArrayList<>();
        for (Part p : parts) {
            if (seen.contains(p.source())) continue;
            seen.add(p.source());
            m.append('\n').append(p.source()).append(" was ").append(shown(p.value()));
        }
        throw new ExpectationFailed(m.toString(), c.task(n.id()), n.span());
    }

    private boolean holds(Expr e, Ctx c, List<Part> parts) {
        return switch (e) {
            case Expr.Binary b when b.op() == Expr.BinaryOp.AND -> holds(b.left(), c, parts) && holds(b.right(), c, parts);
            case Expr.Binary b when b.op() == Expr.BinaryOp.OR -> holds(b.left(), c, parts) || holds(b.right(), c, parts);
            case Expr.Binary b when b.op().isComparison() -> {
                Value left = value(b.left(), c, parts);
                Value right = value(b.right(), c, parts);
                yield evaluator.truth(evaluator.apply(b, left, right, c), b.span(), c);
            }
            case Expr.Unary u when u.op() == Expr.UnaryOp.NOT -> !holds(u.operand(), c, parts);
            default -> evaluator.truth(value(e, c, parts), e.span(), c);
        };
    }

    private Value value(Expr e, Ctx c, List<Part> parts) {
        Value v = evaluator.eval(e, c);
        if (!literal(e)) parts.add(new Part(AstPrinter.print(e), v));
        return v;
    }

    private static boolean literal(Expr e) {
        return switch (e) {
            case Expr.Text t -> true;
            case Expr.Num n -> true;
            case Expr.Bool b -> true;
            case Expr.Null n -> true;
            case Expr.Duration d -> true;
            case Expr.Unary u -> u.op() == Expr.UnaryOp.NEGATE && u.operand() instanceof Expr.Num;
            default -> false;
        };
    }

    /** A value as the script would write it: text in quotes (so `""` and `"3"` read apart from 3), cut when long. */
    static String shown(Value v) {
        String text = Values.text(v);
        String s = text != null && !(v instanceof Value.Num) ? quote(text) : Values.show(v);
        int length = s.codePointCount(0, s.length());
        if (length <= SHOWN) return s;
        return s.substring(0, s.offsetByCodePoints(0, SHOWN)) + "... (" + length + " characters)";
    }

    private static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '{' -> b.append("\\{");
                default -> b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}

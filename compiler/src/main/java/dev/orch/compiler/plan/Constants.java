package dev.orch.compiler.plan;

import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values of declaration options, which are literals: anything else folds to null and the checker reports it. */
final class Constants {
    private Constants() {}

    static String text(Expr e) {
        if (e instanceof Expr.Text t) return t.value();
        if (e instanceof Expr.Name n) return n.name();
        return null;
    }

    static Double number(Expr e) {
        if (e instanceof Expr.Num n) return n.value();
        if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE && u.operand() instanceof Expr.Num n) {
            return -n.value();
        }
        return null;
    }

    static Integer integer(Expr e) {
        Double d = number(e);
        return d == null ? null : (int) Math.round(d);
    }

    static Long whole(Expr e) {
        Double d = number(e);
        return d == null ? null : Math.round(d);
    }

    /** A list of texts, or null when absent. */
    static List<String> texts(Expr e) {
        if (!(e instanceof Expr.ListOf l)) return null;
        List<String> out = new ArrayList<>();
        for (Expr item : l.items()) if (text(item) != null) out.add(text(item));
        return out;
    }

    /** A map of texts, in the order written, or null when absent. */
    static Map<String, String> textMap(Expr e) {
        if (!(e instanceof Expr.MapOf m)) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry entry : m.entries()) if (text(entry.value()) != null) out.put(entry.key(), text(entry.value()));
        return out;
    }

    /** A literal as JSON: texts, numbers, booleans, null, and lists and maps of them; anything else is null. */
    static com.fasterxml.jackson.databind.JsonNode json(Expr e) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return switch (e) {
            case Expr.Text t -> f.textNode(t.value());
            // Whole numbers as the plan JSON reader will read them back (an int when it fits), so a plan round-trips.
            case Expr.Num n when n.value() == Math.rint(n.value()) && Math.abs(n.value()) <= Integer.MAX_VALUE -> f.numberNode((int) n.value());
            case Expr.Num n when n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 1e15 -> f.numberNode((long) n.value());
            case Expr.Num n -> f.numberNode(n.value());
            case Expr.Unary u when number(u) != null -> f.numberNode(number(u));
            case Expr.Bool b -> f.booleanNode(b.value());
            case Expr.ListOf l -> {
                var a = f.arrayNode();
                l.items().forEach(i -> a.add(json(i)));
                yield a;
            }
            case Expr.MapOf m -> {
                var o = f.objectNode();
                m.entries().forEach(entry -> o.set(entry.key(), json(entry.value())));
                yield o;
            }
            case null, default -> f.nullNode();
        };
    }

    /** A duration in milliseconds; a plain number counts as milliseconds. */
    static Long millis(Expr e) {
        if (e instanceof Expr.Duration d) return d.millis();
        return whole(e);
    }
}

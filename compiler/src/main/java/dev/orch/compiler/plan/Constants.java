package dev.orch.compiler.plan;

import dev.orch.compiler.ast.Expr;

/** Values of declaration options, which are literals: anything else folds to null and the checker reports it. */
final class Constants {
    private Constants() {}

    static String text(Expr e) {
        return switch (e) {
            case Expr.Text t -> t.value();
            case Expr.Name n -> n.name();
            case null, default -> null;
        };
    }

    static Double number(Expr e) {
        return switch (e) {
            case Expr.Num n -> n.value();
            case Expr.Unary u when u.op() == Expr.UnaryOp.NEGATE && u.operand() instanceof Expr.Num n -> -n.value();
            case null, default -> null;
        };
    }

    static Integer integer(Expr e) {
        Double d = number(e);
        return d == null ? null : (int) Math.round(d);
    }

    static Long whole(Expr e) {
        Double d = number(e);
        return d == null ? null : Math.round(d);
    }

    /** A duration in milliseconds; a plain number counts as milliseconds. */
    static Long millis(Expr e) {
        if (e instanceof Expr.Duration d) return d.millis();
        return whole(e);
    }
}

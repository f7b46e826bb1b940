package dev.orch.compiler.plan.render;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.format.AstPrinter;
import java.util.Locale;

/** Expressions and values as a plan shows them: Orch source on one line, shortened where a reader skims. */
public final class ExprText {
    private ExprText() {}

    public static String of(Expr e) {
        return e == null ? "" : AstPrinter.print(e);
    }

    /** The same, cut to {@code max} characters with an ellipsis, so one long prompt does not swamp a plan. */
    public static String brief(Expr e, int max) {
        String s = of(e);
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 3)) + "...";
    }

    static String number(double v) {
        return AstPrinter.number(v);
    }

    /** A duration for reading, not for parsing back: `1.5s` rather than `1500ms`. */
    public static String duration(long ms) {
        if (ms != 0 && ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms != 0 && ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms != 0 && ms % 1_000 == 0) return ms / 1_000 + "s";
        if (ms >= 1_000) return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        return ms + "ms";
    }
}

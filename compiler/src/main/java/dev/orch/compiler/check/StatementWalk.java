package dev.orch.compiler.check;

import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Stmt;
import java.util.function.Consumer;

/** Visits every statement or call of a subtree, for passes that need each one without caring about order. */
public final class StatementWalk {
    private StatementWalk() {}

    /** Every expression written directly in a statement (not in its nested statements), nulls skipped. */
    public static void ownExpressions(Stmt s, Consumer<Expr> out) {
        switch (s) {
            case Stmt.Assign a -> out.accept(a.value());
            case Stmt.Parallel p -> accept(p.max(), out);
            case Stmt.Dag d -> accept(d.max(), out);
            case Stmt.Retry r -> {
                accept(r.attempts(), out);
                accept(r.backoff(), out);
                accept(r.maxBackoff(), out);
            }
            case Stmt.Timeout t -> accept(t.duration(), out);
            case Stmt.If i -> i.branches().forEach(b -> out.accept(b.condition()));
            case Stmt.For f -> {
                out.accept(f.items());
                accept(f.max(), out);
            }
            case Stmt.Loop l -> {
                accept(l.max(), out);
                accept(l.until(), out);
            }
            case Stmt.Print p -> out.accept(p.value());
            case Stmt.Return r -> accept(r.value(), out);
            case Stmt.Fail f -> out.accept(f.message());
            case Stmt.Eval e -> out.accept(e.value());
            case Stmt.Sequence q -> {}
            case Stmt.Race r -> {}
            case Stmt.Try t -> {}
            case Stmt.Phase p -> {}
            case Stmt.Break b -> {}
        }
    }

    /** The blocks directly inside a statement, in source order. */
    public static void blocks(Stmt s, Consumer<Block> out) {
        switch (s) {
            case Stmt.Sequence q -> out.accept(q.body());
            case Stmt.Parallel p -> out.accept(p.body());
            case Stmt.Dag d -> out.accept(d.body());
            case Stmt.Race r -> out.accept(r.body());
            case Stmt.Retry r -> out.accept(r.body());
            case Stmt.Timeout t -> out.accept(t.body());
            case Stmt.If i -> {
                i.branches().forEach(b -> out.accept(b.body()));
                if (i.otherwise() != null) out.accept(i.otherwise());
            }
            case Stmt.For f -> out.accept(f.body());
            case Stmt.Loop l -> out.accept(l.body());
            case Stmt.Try t -> {
                out.accept(t.body());
                t.catches().forEach(c -> out.accept(c.body()));
                t.fallbacks().forEach(out);
            }
            case Stmt.Phase p -> out.accept(p.body());
            default -> {}
        }
    }

    /** Every call in a block, nested statements included, in source order. */
    public static void calls(Block block, Consumer<Expr.Call> out) {
        for (Stmt s : block.statements()) calls(s, out);
    }

    public static void calls(Stmt s, Consumer<Expr.Call> out) {
        ownExpressions(s, e -> calls(e, out));
        blocks(s, b -> calls(b, out));
    }

    public static void calls(Expr e, Consumer<Expr.Call> out) {
        switch (e) {
            case null -> {}
            case Expr.Call c -> {
                out.accept(c);
                c.args().forEach(a -> calls(a, out));
                c.options().forEach(o -> calls(o.value(), out));
            }
            case Expr.Template t -> t.parts().forEach(p -> calls(p, out));
            case Expr.ListOf l -> l.items().forEach(i -> calls(i, out));
            case Expr.MapOf m -> {
                for (Entry en : m.entries()) calls(en.value(), out);
            }
            case Expr.Field f -> calls(f.target(), out);
            case Expr.Index i -> {
                calls(i.target(), out);
                calls(i.index(), out);
            }
            case Expr.Unary u -> calls(u.operand(), out);
            case Expr.Binary b -> {
                calls(b.left(), out);
                calls(b.right(), out);
            }
            default -> {}
        }
    }

    private static void accept(Expr e, Consumer<Expr> out) {
        if (e != null) out.accept(e);
    }
}

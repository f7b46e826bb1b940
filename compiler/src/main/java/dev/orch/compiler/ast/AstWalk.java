package dev.orch.compiler.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The shapes passes share: a statement's nested blocks and expressions, and every expression inside another. */
public final class AstWalk {
    private AstWalk() {}

    /** The blocks directly inside a statement, in source order. */
    public static List<Block> blocks(Stmt s) {
        return switch (s) {
            case Stmt.Sequence x -> List.of(x.body());
            case Stmt.Parallel x -> List.of(x.body());
            case Stmt.Dag x -> List.of(x.body());
            case Stmt.Race x -> List.of(x.body());
            case Stmt.Retry x -> List.of(x.body());
            case Stmt.Timeout x -> List.of(x.body());
            case Stmt.Phase x -> List.of(x.body());
            case Stmt.For x -> List.of(x.body());
            case Stmt.Loop x -> List.of(x.body());
            case Stmt.If x -> {
                List<Block> all = new ArrayList<>();
                x.branches().forEach(b -> all.add(b.body()));
                if (x.otherwise() != null) all.add(x.otherwise());
                yield all;
            }
            case Stmt.Try x -> {
                List<Block> all = new ArrayList<>();
                all.add(x.body());
                x.catches().forEach(c -> all.add(c.body()));
                all.addAll(x.fallbacks());
                yield all;
            }
            case Stmt.Assign x -> List.of();
            case Stmt.Print x -> List.of();
            case Stmt.Return x -> List.of();
            case Stmt.Fail x -> List.of();
            case Stmt.Break x -> List.of();
            case Stmt.Eval x -> List.of();
            case Stmt.Expect x -> List.of();
        };
    }

    /** The expressions a statement itself holds (not those of nested statements); absent parts are skipped. */
    public static List<Expr> expressions(Stmt s) {
        return switch (s) {
            case Stmt.Assign x -> present(x.value());
            case Stmt.Parallel x -> present(x.max());
            case Stmt.Dag x -> present(x.max());
            case Stmt.Retry x -> present(x.attempts(), x.backoff(), x.maxBackoff());
            case Stmt.Timeout x -> present(x.duration());
            case Stmt.If x -> {
                List<Expr> out = new ArrayList<>(x.branches().size());
                for (Stmt.Branch b : x.branches()) if (b.condition() != null) out.add(b.condition());
                yield out;
            }
            case Stmt.For x -> present(x.items(), x.where(), x.max());
            case Stmt.Loop x -> present(x.max(), x.until());
            case Stmt.Print x -> present(x.value());
            case Stmt.Return x -> present(x.value());
            case Stmt.Fail x -> present(x.message());
            case Stmt.Eval x -> present(x.value());
            case Stmt.Expect x -> present(x.condition(), x.message());
            case Stmt.Sequence x -> List.of();
            case Stmt.Race x -> List.of();
            case Stmt.Phase x -> List.of();
            case Stmt.Try x -> List.of();
            case Stmt.Break x -> List.of();
        };
    }

    private static List<Expr> present(Expr e) {
        return e == null ? List.of() : List.of(e);
    }

    private static List<Expr> present(Expr... es) {
        List<Expr> out = new ArrayList<>(es.length);
        for (Expr e : es) if (e != null) out.add(e);
        return out;
    }

    /** Every statement in a block, nested ones included, outer before inner. */
    public static void statements(Block block, Consumer<Stmt> visit) {
        for (Stmt s : block.statements()) {
            visit.accept(s);
            for (Block inner : blocks(s)) statements(inner, visit);
        }
    }

    /** Every expression in a block's statements, nested expressions included, outer before inner. */
    public static void expressions(Block block, Consumer<Expr> visit) {
        statements(block, s -> {
            for (Expr e : expressions(s)) expressions(e, visit);
        });
    }

    /** An expression and every expression inside it. */
    public static void expressions(Expr e, Consumer<Expr> visit) {
        visit.accept(e);
        // The children without building their list: this walk runs for every expression in every pass.
        switch (e) {
            case Expr.Template x -> { for (Expr p : x.parts()) expressions(p, visit); }
            case Expr.ListOf x -> { for (Expr i : x.items()) expressions(i, visit); }
            case Expr.MapOf x -> { for (Entry en : x.entries()) expressions(en.value(), visit); }
            case Expr.Field x -> expressions(x.target(), visit);
            case Expr.Index x -> {
                expressions(x.target(), visit);
                expressions(x.index(), visit);
            }
            case Expr.Call x -> {
                for (Expr arg : x.args()) expressions(arg, visit);
                for (var o : x.options()) expressions(o.value(), visit);
            }
            case Expr.Unary x -> expressions(x.operand(), visit);
            case Expr.Binary x -> {
                expressions(x.left(), visit);
                expressions(x.right(), visit);
            }
            case Expr.As x -> expressions(x.value(), visit);
            case Expr.Name x -> { }
            case Expr.Text x -> { }
            case Expr.Num x -> { }
            case Expr.Bool x -> { }
            case Expr.Null x -> { }
            case Expr.Duration x -> { }
        }
    }

    public static List<Expr> children(Expr e) {
        return switch (e) {
            case Expr.Template x -> x.parts();
            case Expr.ListOf x -> x.items();
            case Expr.MapOf x -> x.entries().stream().map(Entry::value).toList();
            case Expr.Field x -> List.of(x.target());
            case Expr.Index x -> List.of(x.target(), x.index());
            case Expr.Call x -> {
                List<Expr> all = new ArrayList<>(x.args());
                x.options().forEach(o -> all.add(o.value()));
                yield all;
            }
            case Expr.Unary x -> List.of(x.operand());
            case Expr.Binary x -> List.of(x.left(), x.right());
            case Expr.As x -> List.of(x.value());
            case Expr.Name x -> List.of();
            case Expr.Text x -> List.of();
            case Expr.Num x -> List.of();
            case Expr.Bool x -> List.of();
            case Expr.Null x -> List.of();
            case Expr.Duration x -> List.of();
        };
    }

    /** Every call in a block, nested statements included, in source order. */
    public static void calls(Block block, Consumer<Expr.Call> visit) {
        expressions(block, e -> {
            if (e instanceof Expr.Call c) visit.accept(c);
        });
    }

    /** Every call in an expression, outer before inner; a null expression has none. */
    public static void calls(Expr e, Consumer<Expr.Call> visit) {
        if (e == null) return;
        expressions(e, x -> {
            if (x instanceof Expr.Call c) visit.accept(c);
        });
    }
}

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
        };
    }

    /** The expressions a statement itself holds (not those of nested statements); absent parts are skipped. */
    public static List<Expr> expressions(Stmt s) {
        List<Expr> out = new ArrayList<>();
        switch (s) {
            case Stmt.Assign x -> out.add(x.value());
            case Stmt.Parallel x -> out.add(x.max());
            case Stmt.Dag x -> out.add(x.max());
            case Stmt.Retry x -> {
                out.add(x.attempts());
                out.add(x.backoff());
                out.add(x.maxBackoff());
            }
            case Stmt.Timeout x -> out.add(x.duration());
            case Stmt.If x -> x.branches().forEach(b -> out.add(b.condition()));
            case Stmt.For x -> {
                out.add(x.items());
                out.add(x.where());
                out.add(x.max());
            }
            case Stmt.Loop x -> {
                out.add(x.max());
                out.add(x.until());
            }
            case Stmt.Print x -> out.add(x.value());
            case Stmt.Return x -> out.add(x.value());
            case Stmt.Fail x -> out.add(x.message());
            case Stmt.Eval x -> out.add(x.value());
            case Stmt.Sequence x -> { }
            case Stmt.Race x -> { }
            case Stmt.Phase x -> { }
            case Stmt.Try x -> { }
            case Stmt.Break x -> { }
        }
        out.removeIf(e -> e == null);
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
        statements(block, s -> expressions(s).forEach(e -> expressions(e, visit)));
    }

    /** An expression and every expression inside it. */
    public static void expressions(Expr e, Consumer<Expr> visit) {
        visit.accept(e);
        for (Expr child : children(e)) expressions(child, visit);
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

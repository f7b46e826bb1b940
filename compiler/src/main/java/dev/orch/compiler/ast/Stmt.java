package dev.orch.compiler.ast;

import java.util.List;

/** A statement inside a workflow. */
public sealed interface Stmt {
    Span span();

    /** `x = EXPR` or `var x = EXPR`; the resolver decides whether a plain `x = ...` declares or updates. */
    record Assign(Span span, String name, Span nameSpan, boolean declaresVar, Expr value) implements Stmt {}

    record Sequence(Span span, Block body) implements Stmt {}

    record Parallel(Span span, Expr max, boolean settle, Block body) implements Stmt {}

    record Dag(Span span, Expr max, Block body) implements Stmt {}

    record Race(Span span, Block body) implements Stmt {}

    record Retry(Span span, Expr attempts, Expr backoff, Expr maxBackoff, boolean jitter, List<KindRef> on, Block body)
            implements Stmt {}

    record Timeout(Span span, Expr duration, Block body) implements Stmt {}

    record If(Span span, List<Branch> branches, Block otherwise) implements Stmt {}

    record Branch(Expr condition, Block body) {}

    /**
     * `for x in xs [where COND] [parallel [max N]] { }`: {@code where} (or null) keeps only the items for which it
     * holds; with {@code into}, `ys = for ...` collects each kept item's body's last value.
     */
    record For(Span span, String variable, Span variableSpan, Expr items, Expr where, boolean parallel, Expr max,
               Block body, String into, Span intoSpan, boolean intoVar) implements Stmt {}

    record Loop(Span span, Expr max, Expr until, Block body) implements Stmt {}

    record Try(Span span, Block body, List<Catch> catches, List<Block> fallbacks) implements Stmt {}

    record Catch(Span span, List<KindRef> kinds, String as, Span asSpan, Block body) {}

    record Phase(Span span, String name, Block body) implements Stmt {}

    record Print(Span span, Expr value) implements Stmt {}

    record Return(Span span, Expr value) implements Stmt {}

    record Fail(Span span, Expr message) implements Stmt {}

    record Break(Span span) implements Stmt {}

    record Eval(Span span, Expr value) implements Stmt {}

    /** An error kind named in `retry ... on` or `catch`. */
    record KindRef(String name, Span span) {}
}

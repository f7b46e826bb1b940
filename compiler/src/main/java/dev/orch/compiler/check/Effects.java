package dev.orch.compiler.check;

import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Stmt;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a statement reads and writes, as keys: a name is its own key, and a file named by a literal path is the
 * path in double quotes ({@code "report.md"}), so `write("report.md", x)` then `read("report.md")` is a
 * dependency like any name. Paths built by interpolation are not tracked: their value is only known at run time.
 */
public final class Effects {
    private Effects() {}

    /** A statement's keys, looked at as a whole: names bound inside it (a `for` variable, `catch as`) are left out. */
    public record Keys(Set<String> reads, Set<String> writes) {}

    public static boolean isPath(String key) {
        return key.startsWith("\"");
    }

    /** How a key reads in a message: 'name' or "path". */
    public static String show(String key) {
        return isPath(key) ? key : "'" + key + "'";
    }

    /**
     * The keys a whole statement reads and writes. {@code outerVars}: the workflow's `var` names; a plain assignment
     * inside a loop body counts as a write seen outside only for those, since other names there are fresh per
     * iteration.
     */
    public static Keys of(Stmt stmt, Set<String> outerVars) {
        // Sized for the usual statement, one write and a few reads: these sets exist for every statement of a dag.
        Keys keys = new Keys(new LinkedHashSet<>(8), new LinkedHashSet<>(4));
        new Scan(keys, outerVars).stmt(stmt, Set.of(), false);
        return keys;
    }

    /** The keys an expression reads, skipping {@code bound} names: the names in it and the files it reads. */
    public static void reads(Expr e, Set<String> bound, Set<String> out) {
        if (e == null) return;
        AstWalk.expressions(e, x -> {
            if (x instanceof Expr.Name n && !bound.contains(n.name())) out.add(n.name());
            if (x instanceof Expr.Call c) filePath(c, "read").ifPresent(out::add);
        });
    }

    /** The file keys an expression writes: `write` and `append` to a literal path. */
    public static void writes(Expr e, Set<String> out) {
        AstWalk.calls(e, c -> {
            filePath(c, "write").ifPresent(out::add);
            filePath(c, "append").ifPresent(out::add);
        });
    }

    /** The key of the literal path a call to {@code builtin} names as its first argument, if it is one. */
    private static Optional<String> filePath(Expr.Call c, String builtin) {
        if (!c.callee().equals(builtin) || c.args().isEmpty()) return Optional.empty();
        return Optional.ofNullable(literalPath(c.args().get(0)));
    }

    /** The key of a path written out in full, normalised so "./a.md" and "a.md" are one file; else null. */
    public static String literalPath(Expr e) {
        if (!(e instanceof Expr.Text t) || t.value().isBlank()) return null;
        String normal;
        try {
            normal = Path.of(t.value()).normalize().toString().replace('\\', '/');
        } catch (RuntimeException invalid) {
            normal = t.value();
        }
        return "\"" + normal + "\"";
    }

    private record Scan(Keys keys, Set<String> outerVars) {
        void block(Block b, Set<String> bound, boolean inLoop) {
            for (Stmt s : b.statements()) stmt(s, bound, inLoop);
        }

        void expr(Expr e, Set<String> bound) {
            reads(e, bound, keys.reads());
            writes(e, keys.writes());
        }

        void target(String name, boolean declaresVar, boolean inLoop) {
            if (!inLoop || !declaresVar && outerVars.contains(name)) keys.writes().add(name);
        }

        void stmt(Stmt s, Set<String> bound, boolean inLoop) {
            switch (s) {
                case Stmt.Assign a -> {
                    expr(a.value(), bound);
                    target(a.name(), a.declaresVar(), inLoop);
                }
                case Stmt.Sequence q -> block(q.body(), bound, inLoop);
                case Stmt.Parallel p -> {
                    expr(p.max(), bound);
                    block(p.body(), bound, inLoop);
                }
                case Stmt.Dag d -> {
                    expr(d.max(), bound);
                    block(d.body(), bound, inLoop);
                }
                case Stmt.Race r -> block(r.body(), bound, inLoop);
                case Stmt.Retry r -> {
                    expr(r.attempts(), bound);
                    expr(r.backoff(), bound);
                    expr(r.maxBackoff(), bound);
                    block(r.body(), bound, inLoop);
                }
                case Stmt.Timeout t -> {
                    expr(t.duration(), bound);
                    block(t.body(), bound, inLoop);
                }
                case Stmt.If i -> {
                    for (Stmt.Branch b : i.branches()) {
                        expr(b.condition(), bound);
                        block(b.body(), bound, inLoop);
                    }
                    if (i.otherwise() != null) block(i.otherwise(), bound, inLoop);
                }
                case Stmt.For f -> {
                    expr(f.items(), bound);
                    expr(f.max(), bound);
                    Set<String> inner = new HashSet<>(bound);
                    inner.add(f.variable());
                    expr(f.where(), inner);
                    block(f.body(), inner, true);
                    if (f.into() != null) target(f.into(), f.intoVar(), inLoop);
                }
                case Stmt.Loop l -> {
                    expr(l.max(), bound);
                    block(l.body(), bound, true);
                    expr(l.until(), bound);
                }
                case Stmt.Try t -> {
                    block(t.body(), bound, inLoop);
                    for (Stmt.Catch c : t.catches()) {
                        Set<String> inner = bound;
                        if (c.as() != null) {
                            inner = new HashSet<>(bound);
                            inner.add(c.as());
                        }
                        block(c.body(), inner, inLoop);
                    }
                    for (Block f : t.fallbacks()) block(f, bound, inLoop);
                }
                case Stmt.Phase p -> block(p.body(), bound, inLoop);
                case Stmt.Print p -> expr(p.value(), bound);
                case Stmt.Return r -> expr(r.value(), bound);
                case Stmt.Fail f -> expr(f.message(), bound);
                case Stmt.Expect x -> {
                    expr(x.condition(), bound);
                    if (x.message() != null) expr(x.message(), bound);
                }
                case Stmt.Break b -> {}
                case Stmt.Eval e -> expr(e.value(), bound);
            }
        }
    }
}

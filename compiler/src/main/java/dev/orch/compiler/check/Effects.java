package dev.orch.compiler.check;

import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Stmt;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
        Keys keys = new Keys(new LinkedHashSet<>(), new LinkedHashSet<>());
        new Scan(keys, outerVars).stmt(stmt, new HashSet<>(), false);
        return keys;
    }

    /** The keys an expression reads, skipping {@code bound} names. */
    public static void reads(Expr e, Set<String> bound, Set<String> out) {
        switch (e) {
            case null -> {}
            case Expr.Name n -> {
                if (!bound.contains(n.name())) out.add(n.name());
            }
            case Expr.Text t -> {}
            case Expr.Num n -> {}
            case Expr.Bool b -> {}
            case Expr.Null n -> {}
            case Expr.Duration d -> {}
            case Expr.Template t -> t.parts().forEach(p -> reads(p, bound, out));
            case Expr.ListOf l -> l.items().forEach(i -> reads(i, bound, out));
            case Expr.MapOf m -> m.entries().forEach(en -> reads(en.value(), bound, out));
            case Expr.Field f -> reads(f.target(), bound, out);
            case Expr.Index i -> {
                reads(i.target(), bound, out);
                reads(i.index(), bound, out);
            }
            case Expr.Call c -> {
                c.args().forEach(a -> reads(a, bound, out));
                c.options().forEach(o -> reads(o.value(), bound, out));
                if (c.callee().equals("read") && !c.args().isEmpty()) {
                    String path = literalPath(c.args().get(0));
                    if (path != null) out.add(path);
                }
            }
            case Expr.Unary u -> reads(u.operand(), bound, out);
            case Expr.Binary b -> {
                reads(b.left(), bound, out);
                reads(b.right(), bound, out);
            }
        }
    }

    /** The file keys an expression writes: `write` and `append` to a literal path. */
    public static void writes(Expr e, Set<String> out) {
        switch (e) {
            case null -> {}
            case Expr.Call c -> {
                if ((c.callee().equals("write") || c.callee().equals("append")) && !c.args().isEmpty()) {
                    String path = literalPath(c.args().get(0));
                    if (path != null) out.add(path);
                }
                c.args().forEach(a -> writes(a, out));
                c.options().forEach(o -> writes(o.value(), out));
            }
            case Expr.Template t -> t.parts().forEach(p -> writes(p, out));
            case Expr.ListOf l -> l.items().forEach(i -> writes(i, out));
            case Expr.MapOf m -> {
                for (Entry en : m.entries()) writes(en.value(), out);
            }
            case Expr.Field f -> writes(f.target(), out);
            case Expr.Index i -> {
                writes(i.target(), out);
                writes(i.index(), out);
            }
            case Expr.Unary u -> writes(u.operand(), out);
            case Expr.Binary b -> {
                writes(b.left(), out);
                writes(b.right(), out);
            }
            default -> {}
        }
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
                case Stmt.Break b -> {}
                case Stmt.Eval e -> expr(e.value(), bound);
            }
        }
    }
}

package dev.orch.compiler.check;

import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Stmt;
import dev.orch.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The branches of a `parallel` or `race` run at the same time, so one may not read or write what a sibling writes
 * (a name or a file with a literal path): the outcome would depend on timing. Likewise the iterations of a
 * `for ... parallel` may not write a `var` or a literal file path. Two `race` branches may assign the
 * same name, since only the winner's assignment stays; they may not write the same file, which a cancelled branch
 * cannot take back.
 */
public final class RaceChecker {
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private RaceChecker() {}

    public static List<Diagnostic> check(List<Program> programs) {
        RaceChecker c = new RaceChecker();
        for (Program p : programs) {
            for (Decl.Workflow w : p.all(Decl.Workflow.class)) {
                Set<String> vars = DependencyAnalyzer.varsOf(w.body());
                c.block(w.body(), vars);
            }
        }
        return List.copyOf(c.diagnostics);
    }

    private void block(Block b, Set<String> vars) {
        for (Stmt s : b.statements()) {
            if (s instanceof Stmt.Parallel p) branches(p.body().statements(), "parallel", vars);
            if (s instanceof Stmt.Race r) branches(r.body().statements(), "race", vars);
            if (s instanceof Stmt.For f && f.parallel()) iterations(f, vars);
            AstWalk.blocks(s).forEach(inner -> block(inner, vars));
        }
    }

    private void branches(List<Stmt> branches, String kind, Set<String> vars) {
        boolean race = kind.equals("race");
        List<Effects.Keys> keys = new ArrayList<>();
        Map<String, List<Integer>> writers = new HashMap<>();
        for (int i = 0; i < branches.size(); i++) {
            Effects.Keys k = Effects.of(branches.get(i), vars);
            keys.add(k);
            for (String w : k.writes()) writers.computeIfAbsent(w, x -> new ArrayList<>()).add(i);
        }
        for (int i = 0; i < branches.size(); i++) {
            Diagnostic found = null;
            for (String w : keys.get(i).writes()) {
                if (race && !Effects.isPath(w)) continue;
                int first = writers.get(w).get(0);
                if (first != i) {
                    found = conflict(branches.get(i), branches.get(first), "writes", w, kind, race);
                    break;
                }
            }
            if (found == null) {
                for (String r : keys.get(i).reads()) {
                    List<Integer> ws = writers.get(r);
                    if (ws == null) continue;
                    Integer other = null;
                    for (int j : ws) {
                        if (j != i) {
                            other = j;
                            break;
                        }
                    }
                    if (other != null && !keys.get(i).writes().contains(r)) {
                        found = conflict(branches.get(i), branches.get(other), "reads", r, kind, race);
                        break;
                    }
                }
            }
            if (found != null) diagnostics.add(found);
        }
    }

    /** The iterations of `for ... parallel` run at the same time too: they may not write shared state. */
    private void iterations(Stmt.For f, Set<String> vars) {
        Set<String> written = new java.util.LinkedHashSet<>();
        for (Stmt s : f.body().statements()) written.addAll(Effects.of(s, vars).writes());
        for (String key : written) {
            if (Effects.isPath(key) || vars.contains(key)) {
                diagnostics.add(Diagnostic.error(f.span(), "the iterations of this parallel for all write " + Effects.show(key)
                                + " at the same time",
                        "collect each iteration's value with `ys = for ... parallel { ... }` and combine them after the loop"));
                return;
            }
        }
    }

    private static Diagnostic conflict(Stmt branch, Stmt sibling, String verb, String key, String kind, boolean race) {
        String message = describe(branch) + " " + verb + " " + Effects.show(key) + ", which " + describe(sibling)
                + " at " + sibling.span().position() + (verb.equals("writes") ? " also writes" : " writes")
                + " in the same " + kind;
        String hint = race
                ? "the branches of a race run at the same time and the losers are cancelled; use the value after the race"
                : verb.equals("reads")
                        ? "the branches of a parallel run at the same time; read " + Effects.show(key)
                                + " after the parallel block, or use a dag, which orders statements by what they read"
                        : "the branches of a parallel run at the same time; let each branch write its own name or file";
        return Diagnostic.error(branch.span(), message, hint);
    }

    /** A statement as a reader recognises it: its first words as written. */
    static String describe(Stmt s) {
        return switch (s) {
            case Stmt.Assign a -> "'" + a.name() + " = ...'";
            case Stmt.For f when f.into() != null -> "'" + f.into() + " = for ...'";
            case Stmt.Eval e when e.value() instanceof Expr.Call c -> "'" + c.callee() + "(...)'";
            case Stmt.Eval e -> "the expression statement";
            default -> "the " + kindOf(s) + " block";
        };
    }

    static String kindOf(Stmt s) {
        return switch (s) {
            case Stmt.Assign a -> "assignment";
            case Stmt.Sequence q -> "sequence";
            case Stmt.Parallel p -> "parallel";
            case Stmt.Dag d -> "dag";
            case Stmt.Race r -> "race";
            case Stmt.Retry r -> "retry";
            case Stmt.Timeout t -> "timeout";
            case Stmt.If i -> "if";
            case Stmt.For f -> "for";
            case Stmt.Loop l -> "loop";
            case Stmt.Try t -> "try";
            case Stmt.Phase p -> "phase";
            case Stmt.Print p -> "print";
            case Stmt.Return r -> "return";
            case Stmt.Fail f -> "fail";
            case Stmt.Break b -> "break";
            case Stmt.Eval e -> "expression";
            case Stmt.Expect e -> "expect";
        };
    }
}

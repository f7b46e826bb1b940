package dev.orch.compiler.check;

import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Stmt;
import dev.orch.compiler.diag.Diagnostics;
import java.util.List;

/**
 * `break` only inside a loop, and statements that can never run because an earlier one in the same block always
 * leaves it (`return`, `fail`, `break`, or an `if` whose every branch does). Unreachable code is a warning, as in
 * Kotlin, Swift and Rust: it is harmless and often left on purpose while trying a script out.
 */
final class ControlFlowChecker {
    private final Diagnostics diagnostics;

    ControlFlowChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(Decl.Workflow workflow) {
        block(workflow.body(), false, true);
    }

    /** {@code inLoop}: a `break` here leaves a loop. {@code ordered}: the statements run one after another. */
    private void block(Block block, boolean inLoop, boolean ordered) {
        List<Stmt> statements = block.statements();
        for (int i = 0; i < statements.size(); i++) {
            Stmt s = statements.get(i);
            statement(s, inLoop);
            if (ordered && i + 1 < statements.size() && leaves(s)) {
                diagnostics.warning(statements.get(i + 1).span(), "this statement never runs", because(s)
                        + "; remove what follows it, or move it before");
                return;
            }
        }
    }

    private void statement(Stmt s, boolean inLoop) {
        if (s instanceof Stmt.Break b) {
            if (!inLoop) {
                diagnostics.error(b.span(), "`break` outside a loop", "break leaves a `for` or `loop`; to end the workflow early, use return");
            }
        } else if (s instanceof Stmt.For f) {
            block(f.body(), true, true);
        } else if (s instanceof Stmt.Loop l) {
            block(l.body(), true, true);
        } else if (s instanceof Stmt.Parallel p) {
            // Each statement of these blocks is a branch of its own, so none follows another.
            block(p.body(), inLoop, false);
        } else if (s instanceof Stmt.Race r) {
            block(r.body(), inLoop, false);
        } else if (s instanceof Stmt.Dag d) {
            block(d.body(), inLoop, false);
        } else {
            AstWalk.blocks(s).forEach(b -> block(b, inLoop, true));
        }
    }

    /** True when running the statement never reaches the next one. */
    static boolean leaves(Stmt s) {
        if (s instanceof Stmt.Return r) return true;
        if (s instanceof Stmt.Fail f) return true;
        if (s instanceof Stmt.Break b) return true;
        if (s instanceof Stmt.If i) {
            return i.otherwise() != null && i.branches().stream().allMatch(b -> leaves(b.body()))
                    && leaves(i.otherwise());
        }
        if (s instanceof Stmt.Sequence q) return leaves(q.body());
        if (s instanceof Stmt.Phase p) return leaves(p.body());
        return false;
    }

    private static boolean leaves(Block b) {
        return b.statements().stream().anyMatch(ControlFlowChecker::leaves);
    }

    private static String because(Stmt s) {
        String at = " at " + s.span().position();
        return switch (s) {
            case Stmt.Return r -> "the return" + at + " ends the workflow first";
            case Stmt.Fail f -> "the fail" + at + " ends the workflow first";
            case Stmt.Break b -> "the break" + at + " leaves the loop first";
            case Stmt.If i -> "every branch of the if" + at + " returns, fails or breaks";
            default -> "the block" + at + " always returns, fails or breaks";
        };
    }
}

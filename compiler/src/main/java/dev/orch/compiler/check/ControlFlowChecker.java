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
        switch (s) {
            case Stmt.Break b -> {
                if (!inLoop) {
                    diagnostics.error(b.span(), "`break` outside a loop", "break leaves a `for` or `loop`; to end the workflow early, use return");
                }
            }
            case Stmt.For f -> block(f.body(), true, true);
            case Stmt.Loop l -> block(l.body(), true, true);
            // Each statement of these blocks is a branch of its own, so none follows another.
            case Stmt.Parallel p -> block(p.body(), inLoop, false);
            case Stmt.Race r -> block(r.body(), inLoop, false);
            case Stmt.Dag d -> block(d.body(), inLoop, false);
            default -> AstWalk.blocks(s).forEach(b -> block(b, inLoop, true));
        }
    }

    /** True when running the statement never reaches the next one. */
    static boolean leaves(Stmt s) {
        return switch (s) {
            case Stmt.Return r -> true;
            case Stmt.Fail f -> true;
            case Stmt.Break b -> true;
            case Stmt.If i -> i.otherwise() != null && i.branches().stream().allMatch(b -> leaves(b.body()))
                    && leaves(i.otherwise());
            case Stmt.Sequence q -> leaves(q.body());
            case Stmt.Phase p -> leaves(p.body());
            default -> false;
        };
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

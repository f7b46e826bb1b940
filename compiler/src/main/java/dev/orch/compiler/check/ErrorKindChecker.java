package dev.orch.compiler.check;

import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Stmt;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.lang.ErrorKind;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Error kinds named in `retry ... on` and `catch`: each must be a known kind; retrying `budget` or `cancelled`
 * never helps; a `catch` after one that catches everything never runs.
 */
final class ErrorKindChecker {
    private static final List<String> KINDS = Arrays.stream(ErrorKind.values()).map(ErrorKind::word).toList();

    private final Diagnostics diagnostics;

    ErrorKindChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(Decl.Workflow workflow) {
        AstWalk.statements(workflow.body(), s -> {
            if (s instanceof Stmt.Retry r) {
                for (ErrorKindRef k : known(r.on())) {
                    if (k.kind() == ErrorKind.BUDGET || k.kind() == ErrorKind.CANCELLED) {
                        diagnostics.warning(k.ref().span(), "retrying on " + k.ref().name() + " never helps",
                                k.kind() == ErrorKind.BUDGET ? "a spent budget stays spent; catch it with try { } catch budget { }"
                                        : "cancelled work was stopped on purpose; leave it out of `on`");
                    }
                }
            } else if (s instanceof Stmt.Try t) {
                Stmt.Catch catchAll = null;
                for (Stmt.Catch c : t.catches()) {
                    if (catchAll != null) {
                        diagnostics.warning(c.span(), "this catch never runs",
                                "the catch at " + catchAll.span().position() + " catches every kind first; put specific catches before it");
                    }
                    known(c.kinds());
                    if (c.kinds().isEmpty() && catchAll == null) catchAll = c;
                }
            }
        });
    }

    private record ErrorKindRef(Stmt.KindRef ref, ErrorKind kind) {}

    private List<ErrorKindRef> known(List<Stmt.KindRef> refs) {
        Set<String> seen = new HashSet<>();
        List<ErrorKindRef> out = new java.util.ArrayList<>();
        for (Stmt.KindRef ref : refs) {
            ErrorKind kind = ErrorKind.find(ref.name());
            if (kind == null) {
                diagnostics.error(ref.span(), "unknown error kind '" + ref.name() + "'",
                        Suggest.didYouMean(ref.name(), KINDS, "the kinds are " + Suggest.allOf(KINDS)));
            } else if (!seen.add(ref.name())) {
                diagnostics.warning(ref.span(), "'" + ref.name() + "' is listed twice", "list each kind once");
            } else {
                out.add(new ErrorKindRef(ref, kind));
            }
        }
        return out;
    }
}

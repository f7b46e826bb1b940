package dev.orch.interpreter;

import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.WorkflowPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each call of a workflow sits in its structure, independent of lines and columns: the path of block indexes
 * from the workflow's body down to its statement (with {@code b1} for an if's second branch, {@code e} for its else,
 * {@code c0} for a catch and {@code f0} for a fallback), then {@code #k}, the call's index among the calls of that
 * statement (outer before inner). `main/2.b0.1#0` is the first call of the second statement of the first branch of
 * the third statement. A journal entry is found again by this place, so an edit above it does not move it.
 */
public final class Places {
    private final Map<Expr.Call, String> calls = new IdentityHashMap<>();
    private final Map<String, Node> statements = new LinkedHashMap<>();
    private final Map<String, String> pathOfId = new HashMap<>();

    private Places(WorkflowPlan w) {
        Map<String, Node> byId = new HashMap<>();
        for (Node n : w.nodes()) byId.put(n.id(), n);
        block(w.body(), "", byId);
    }

    public static Places of(WorkflowPlan w) {
        return new Places(w);
    }

    /** Every statement by its path (`2.b0.1`), in the order of the script. */
    public Map<String, Node> statements() {
        return statements;
    }

    /** The path of the statement with this node id, or null. */
    public String pathOf(String nodeId) {
        return pathOfId.get(nodeId);
    }

    /** The calls a statement holds itself (not its body's), by their index in it ({@code #k}). */
    public List<Expr.Call> callsOf(String path) {
        List<Expr.Call> out = new ArrayList<>();
        Node n = statements.get(path);
        if (n != null) for (Expr e : expressions(n)) AstWalk.calls(e, c -> out.add(c));
        return out;
    }

    /** The paths of the statements around the one at {@code path}, outermost first: `2.b0.1` is inside `2`. */
    public static List<String> enclosing(String path) {
        List<String> out = new ArrayList<>();
        String[] parts = path.split("\\.");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            prefix.append(i == 0 ? "" : ".").append(parts[i]);
            if (!parts[i].isEmpty() && Character.isDigit(parts[i].charAt(0))) out.add(prefix.toString());
        }
        return out;
    }

    /** The call's place within its workflow, or null for a call outside any statement (a parameter's default). */
    String of(Expr.Call call) {
        return calls.get(call);
    }

    private void block(List<String> ids, String prefix, Map<String, Node> byId) {
        for (int i = 0; i < ids.size(); i++) {
            Node n = byId.get(ids.get(i));
            if (n == null) continue;
            String path = prefix + i;
            statements.put(path, n);
            pathOfId.put(n.id(), path);
            int[] k = {0};
            for (Expr e : expressions(n)) AstWalk.calls(e, c -> calls.putIfAbsent(c, path + "#" + k[0]++));
            if (n instanceof Node.If x) {
                for (int b = 0; b < x.branches().size(); b++) block(x.branches().get(b).body(), path + ".b" + b + ".", byId);
                if (x.otherwise() != null) block(x.otherwise(), path + ".e.", byId);
            } else if (n instanceof Node.Try x) {
                block(x.body(), path + ".", byId);
                for (int c = 0; c < x.catches().size(); c++) block(x.catches().get(c).body(), path + ".c" + c + ".", byId);
                for (int f = 0; f < x.fallbacks().size(); f++) block(x.fallbacks().get(f), path + ".f" + f + ".", byId);
            } else {
                block(body(n), path + ".", byId);
            }
        }
    }

    static List<String> body(Node n) {
        if (n instanceof Node.Sequence x) return x.body();
        if (n instanceof Node.Parallel x) return x.body();
        if (n instanceof Node.Dag x) return x.body();
        if (n instanceof Node.Race x) return x.body();
        if (n instanceof Node.Retry x) return x.body();
        if (n instanceof Node.Timeout x) return x.body();
        if (n instanceof Node.For x) return x.body();
        if (n instanceof Node.Loop x) return x.body();
        if (n instanceof Node.Phase x) return x.body();
        return List.of();
    }

    /** The expressions a statement itself holds, in the order they are evaluated. */
    public static List<Expr> expressions(Node n) {
        List<Expr> out = new ArrayList<>();
        if (n instanceof Node.Call x) {
            out.add(x.value());
        } else if (n instanceof Node.Assign x) {
            out.add(x.value());
        } else if (n instanceof Node.Eval x) {
            out.add(x.value());
        } else if (n instanceof Node.Parallel x) {
            out.add(x.max());
        } else if (n instanceof Node.Dag x) {
            out.add(x.max());
        } else if (n instanceof Node.Retry x) {
            out.add(x.attempts());
            out.add(x.backoff());
            out.add(x.maxBackoff());
        } else if (n instanceof Node.Timeout x) {
            out.add(x.duration());
        } else if (n instanceof Node.If x) {
            x.branches().forEach(b -> out.add(b.condition()));
        } else if (n instanceof Node.For x) {
            out.add(x.items());
            out.add(x.where());
            out.add(x.max());
        } else if (n instanceof Node.Loop x) {
            out.add(x.max());
            out.add(x.until());
        } else if (n instanceof Node.Print x) {
            out.add(x.value());
        } else if (n instanceof Node.Return x) {
            out.add(x.value());
        } else if (n instanceof Node.Fail x) {
            out.add(x.message());
        } else if (n instanceof Node.Expect x) {
            out.add(x.condition());
            out.add(x.message());
        }
        out.removeIf(e -> e == null);
        return out;
    }
}

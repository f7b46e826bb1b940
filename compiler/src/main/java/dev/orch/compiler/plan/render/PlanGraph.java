package dev.orch.compiler.plan.render;

import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * `orch plan --format mermaid|dot`: each workflow a group, each block a group inside it, each other statement a
 * box; solid arrows are data dependencies (a statement reads what the arrow's source wrote), dashed ones the order
 * of execution: in a workflow's body and every block that runs its statements one after another, each statement
 * follows the one before it (unless a data arrow already says so). The branches of `parallel`, `dag` and `race`
 * have no order between them: they run at once.
 */
public final class PlanGraph {
    private PlanGraph() {}

    /** An arrow of the diagrams: data ({@code to} reads what {@code from} wrote) or {@code order} ({@code to} runs after). */
    public record Edge(String from, String to, boolean order) {}

    /** Every arrow of a workflow as the Mermaid and DOT diagrams draw them, for drawings made elsewhere (the HTML plan). */
    public static List<Edge> edges(WorkflowPlan w) {
        Map<String, Node> nodes = index(w);
        List<Edge> out = new ArrayList<>();
        order(w, nodes, w.body(), (from, to) -> out.add(new Edge(from, to, true)));
        for (Node n : w.nodes()) {
            if (isGroup(n)) {
                sequences(n).forEach(seq -> order(w, nodes, seq, (from, to) -> out.add(new Edge(from, to, true))));
            } else {
                for (String d : n.deps()) out.add(new Edge(d, n.id(), false));
            }
        }
        return out;
    }

    public static String mermaid(Plan plan) {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        List<String> edges = new ArrayList<>();
        for (WorkflowPlan w : plan.workflows()) {
            Map<String, Node> nodes = index(w);
            out.append("  subgraph ").append(key(w, null)).append("[\"").append(mermaidText("workflow " + w.name()))
                    .append("\"]\n");
            for (String id : w.body()) mermaidNode(w, nodes, id, 2, out, edges);
            out.append("  end\n");
            order(w, nodes, w.body(), (from, to) -> edges.add(key(w, from) + " -.-> " + key(w, to)));
        }
        for (String e : edges) out.append("  ").append(e).append('\n');
        return out.toString();
    }

    private static void mermaidNode(WorkflowPlan w, Map<String, Node> nodes, String id, int depth, StringBuilder out,
                                    List<String> edges) {
        Node n = nodes.get(id);
        String indent = "  ".repeat(depth);
        List<String> kids = children(n);
        if (NodeLabel.isBlock(n) && !kids.isEmpty()) {
            out.append(indent).append("subgraph ").append(key(w, id)).append("[\"").append(mermaidText(NodeLabel.of(n)))
                    .append("\"]\n");
            for (String k : kids) mermaidNode(w, nodes, k, depth + 1, out, edges);
            out.append(indent).append("end\n");
            sequences(n).forEach(seq -> order(w, nodes, seq, (from, to) -> edges.add(key(w, from) + " -.-> " + key(w, to))));
        } else {
            out.append(indent).append(key(w, id)).append("[\"").append(mermaidText(NodeLabel.of(n))).append("\"]\n");
            for (String d : n.deps()) edges.add(key(w, d) + " --> " + key(w, id));
        }
    }

    /** Mermaid reads quotes and angle brackets in a label as syntax; its entity codes show them as text. */
    private static String mermaidText(String s) {
        return s.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }

    public static String dot(Plan plan) {
        StringBuilder out = new StringBuilder("digraph plan {\n  rankdir=TB;\n  compound=true;\n"
                + "  node [shape=box, fontname=\"Helvetica\"];\n");
        List<String> edges = new ArrayList<>();
        for (WorkflowPlan w : plan.workflows()) {
            Map<String, Node> nodes = index(w);
            out.append("  subgraph \"cluster_").append(key(w, null)).append("\" {\n    label=\"")
                    .append(dotText("workflow " + w.name())).append("\";\n");
            for (String id : w.body()) dotNode(w, nodes, id, 2, out, edges);
            out.append("  }\n");
            order(w, nodes, w.body(), (from, to) -> edges.add(dotOrder(w, nodes, from, to)));
        }
        for (String e : edges) out.append("  ").append(e).append(";\n");
        out.append("}\n");
        return out.toString();
    }

    /** A block is a cluster with a plain header node inside, so arrows can point at the block itself. */
    private static void dotNode(WorkflowPlan w, Map<String, Node> nodes, String id, int depth, StringBuilder out,
                                List<String> edges) {
        Node n = nodes.get(id);
        String indent = "  ".repeat(depth);
        List<String> kids = children(n);
        if (NodeLabel.isBlock(n) && !kids.isEmpty()) {
            out.append(indent).append("subgraph \"cluster_").append(key(w, id)).append("\" {\n")
                    .append(indent).append("  label=\"\";\n")
                    .append(indent).append("  \"").append(key(w, id)).append("\" [shape=plaintext, label=\"")
                    .append(dotText(NodeLabel.of(n))).append("\"];\n");
            for (String k : kids) dotNode(w, nodes, k, depth + 1, out, edges);
            out.append(indent).append("}\n");
            sequences(n).forEach(seq -> order(w, nodes, seq, (from, to) -> edges.add(dotOrder(w, nodes, from, to))));
        } else {
            out.append(indent).append('"').append(key(w, id)).append("\" [label=\"").append(dotText(NodeLabel.of(n)))
                    .append("\"];\n");
            for (String d : n.deps()) edges.add("\"" + key(w, d) + "\" -> \"" + key(w, id) + "\"");
        }
    }

    /** An order arrow; a block's end is its cluster (ltail/lhead), so the arrow meets the box, not its header. */
    private static String dotOrder(WorkflowPlan w, Map<String, Node> nodes, String from, String to) {
        List<String> attrs = new ArrayList<>(List.of("style=dashed", "color=gray45"));
        if (isGroup(nodes.get(from))) attrs.add("ltail=\"cluster_" + key(w, from) + "\"");
        if (isGroup(nodes.get(to))) attrs.add("lhead=\"cluster_" + key(w, to) + "\"");
        return "\"" + key(w, from) + "\" -> \"" + key(w, to) + "\" [" + String.join(", ", attrs) + "]";
    }

    private static boolean isGroup(Node n) {
        return NodeLabel.isBlock(n) && !children(n).isEmpty();
    }

    /** Each statement of {@code ids} after the one before it, unless it already reads from it. */
    private static void order(WorkflowPlan w, Map<String, Node> nodes, List<String> ids, BiConsumer<String, String> edge) {
        for (int i = 1; i < ids.size(); i++) {
            Node next = nodes.get(ids.get(i));
            if (!next.deps().contains(ids.get(i - 1)) || isGroup(next) || isGroup(nodes.get(ids.get(i - 1)))) {
                edge.accept(ids.get(i - 1), ids.get(i));
            }
        }
    }

    /** The statement lists of a block that run one after another (none for parallel, dag and race). */
    private static List<List<String>> sequences(Node n) {
        List<List<String>> out = new ArrayList<>();
        switch (n) {
            case Node.Sequence s -> out.add(s.body());
            case Node.Phase p -> out.add(p.body());
            case Node.Timeout t -> out.add(t.body());
            case Node.Retry r -> out.add(r.body());
            case Node.For f -> out.add(f.body());
            case Node.Loop l -> out.add(l.body());
            case Node.If i -> {
                i.branches().forEach(b -> out.add(b.body()));
                if (i.otherwise() != null) out.add(i.otherwise());
            }
            case Node.Try t -> {
                out.add(t.body());
                t.catches().forEach(c -> out.add(c.body()));
                t.fallbacks().forEach(out::add);
            }
            default -> {}
        }
        return out;
    }

    private static String dotText(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Map<String, Node> index(WorkflowPlan w) {
        Map<String, Node> nodes = new HashMap<>();
        for (Node n : w.nodes()) nodes.put(n.id(), n);
        return nodes;
    }

    /**
     * Node ids are unique within a workflow only, so diagram ids carry the workflow's name; a workflow's own group
     * and every id a prefix, so that a name like Mermaid's keyword `end` cannot break the diagram.
     */
    private static String key(WorkflowPlan w, String id) {
        return (id == null ? "workflow_" : "n_") + w.name() + (id == null ? "" : "_" + id.replace(':', '_'));
    }

    private static List<String> children(Node n) {
        List<String> out = new ArrayList<>();
        switch (n) {
            case Node.Sequence s -> out.addAll(s.body());
            case Node.Phase p -> out.addAll(p.body());
            case Node.Timeout t -> out.addAll(t.body());
            case Node.Parallel p -> out.addAll(p.body());
            case Node.Race r -> out.addAll(r.body());
            case Node.Dag d -> out.addAll(d.body());
            case Node.Retry r -> out.addAll(r.body());
            case Node.For f -> out.addAll(f.body());
            case Node.Loop l -> out.addAll(l.body());
            case Node.If i -> {
                i.branches().forEach(b -> out.addAll(b.body()));
                if (i.otherwise() != null) out.addAll(i.otherwise());
            }
            case Node.Try t -> {
                out.addAll(t.body());
                t.catches().forEach(c -> out.addAll(c.body()));
                t.fallbacks().forEach(out::addAll);
            }
            default -> {}
        }
        return out;
    }
}

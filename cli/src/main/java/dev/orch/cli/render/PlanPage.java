package dev.orch.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.plan.Estimate;
import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.compiler.plan.render.ExprText;
import dev.orch.compiler.plan.render.NodeLabel;
import dev.orch.compiler.plan.render.PlanGraph;
import dev.orch.stdlib.provider.limit.Dollars;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `orch plan FILE --format html`: one self-contained page (inline CSS, script and SVG; nothing fetched) drawing each
 * workflow as nested boxes: a block is a box around its statements, those that run one after another stacked, the
 * branches of `parallel`, `race` and `dag` side by side, `if` branches and `try`'s catches and fallbacks side by side
 * under their labels. Solid arrows are data (a statement reads what the arrow's source wrote), dashed ones the order
 * of execution, as in the DOT and Mermaid diagrams ({@link PlanGraph#edges}); the critical path is marked. A call
 * shows its agent, model and the start of its prompt; the whole prompt is one click away.
 */
public final class PlanPage {
    private PlanPage() {}

    public static String render(Plan plan) {
        return PageTemplate.fill(PageTemplate.load("plan-page.html"), List.of(
                Map.entry("/*TITLE*/", PageTemplate.html("orch plan " + plan.source().path())),
                Map.entry("/*DATA*/", PageTemplate.json(data(plan)))));
    }

    private static ObjectNode data(Plan plan) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("script", plan.source().path());
        root.put("estimate", estimate(plan.estimate()));
        ArrayNode workflows = root.putArray("workflows");
        for (WorkflowPlan w : plan.workflows()) workflows.add(workflow(w));
        return root;
    }

    private static ObjectNode workflow(WorkflowPlan w) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", w.name());
        List<String> params = new ArrayList<>();
        for (WorkflowPlan.Param p : w.params()) {
            params.add(p.name() + ": " + p.type() + (p.defaultValue() == null ? "" : " = " + ExprText.brief(p.defaultValue(), 24)));
        }
        o.put("title", (w.tool() != null ? "tool " : "workflow ") + w.name() + "(" + String.join(", ", params) + ")"
                + (w.returns() == null ? "" : " -> " + w.returns()));
        if (w.estimate() != null) o.put("estimate", estimate(w.estimate()));
        o.set("body", strings(w.body()));
        Set<String> critical = new HashSet<>(w.criticalPath());
        o.set("critical", strings(w.criticalPath()));
        ObjectNode nodes = o.putObject("nodes");
        for (Node n : w.nodes()) nodes.set(n.id(), node(n, critical.contains(n.id())));
        ArrayNode edges = o.putArray("edges");
        for (PlanGraph.Edge e : PlanGraph.edges(w)) {
            edges.addObject().put("from", e.from()).put("to", e.to()).put("kind", e.order() ? "order" : "data")
                    .put("critical", critical.contains(e.from()) && critical.contains(e.to()));
        }
        return o;
    }

    private static ObjectNode node(Node n, boolean critical) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", n.id());
        o.put("line", n.span().line());
        o.put("critical", critical);
        o.set("deps", strings(n.deps()));
        switch (n) {
            case Node.Call c -> {
                o.put("kind", "call");
                Expr prompt = c.value().args().isEmpty() ? null : c.value().args().get(0);
                o.put("label", (c.target() == null ? "" : c.target() + " = ") + c.agent() + "(" + NodeLabel.prompt(prompt) + ")");
                o.put("agent", c.agent());
                o.put("model", c.model() == null ? "no model" : c.model());
                o.put("full", ExprText.of(c.value()));
            }
            case Node.Assign a -> leaf(o, "statement", NodeLabel.what(n), ExprText.of(a.value()), a.calls());
            case Node.Eval e -> leaf(o, "statement", NodeLabel.what(n), ExprText.of(e.value()), e.calls());
            case Node.Sequence s -> block(o, "sequence", "sequence", group(null, "column", s.body()));
            case Node.Phase p -> block(o, "phase", "phase " + p.name(), group(null, "column", p.body()));
            case Node.Timeout t -> block(o, "timeout", "timeout " + ExprText.of(t.duration()) + ": fails with timeout past it",
                    group(null, "column", t.body()));
            case Node.Parallel p -> block(o, "parallel", "parallel" + (p.settle() ? " settle" : "")
                    + (p.max() == null ? ", all at once" : ", at most " + ExprText.of(p.max()) + " at a time")
                    + (p.settle() ? ": waits for all, reports every error" : ": one failing cancels the others"),
                    group(null, "row", p.body()));
            case Node.Race r -> block(o, "race", "race: the first to succeed wins, the others are cancelled",
                    group(null, "row", r.body()));
            case Node.Dag d -> block(o, "dag", "dag" + (d.max() == null ? "" : " max " + ExprText.of(d.max())) + ": "
                    + d.waves().size() + (d.waves().size() == 1 ? " wave" : " waves"), group(null, "row", d.body()));
            case Node.Retry r -> block(o, "retry", retry(r), group(null, "column", r.body()));
            case Node.For f -> block(o, "for", (f.into() == null ? "" : f.into() + " = ") + "for " + f.variable() + " in "
                    + ExprText.brief(f.items(), 40) + (f.where() == null ? "" : " where " + ExprText.brief(f.where(), 40))
                    + (f.parallel() ? " parallel" + (f.max() == null ? "" : " max " + ExprText.of(f.max())) : ""),
                    group(null, "column", f.body()));
            case Node.Loop l -> block(o, "loop", "loop" + (l.max() == null ? "" : " max " + ExprText.of(l.max()))
                    + (l.until() == null ? "" : " until " + ExprText.brief(l.until(), 40)), group(null, "column", l.body()));
            case Node.If i -> {
                List<ObjectNode> groups = new ArrayList<>();
                for (int k = 0; k < i.branches().size(); k++) {
                    Node.Branch b = i.branches().get(k);
                    groups.add(group((k == 0 ? "if " : "else if ") + ExprText.brief(b.condition(), 40), "column", b.body()));
                }
                if (i.otherwise() != null) groups.add(group("else", "column", i.otherwise()));
                block(o, "if", "if: one branch runs", groups.toArray(ObjectNode[]::new));
            }
            case Node.Try t -> {
                List<ObjectNode> groups = new ArrayList<>();
                groups.add(group("try", "column", t.body()));
                for (Node.Catch c : t.catches()) {
                    groups.add(group("catch" + (c.kinds().isEmpty() ? " any error" : " " + String.join(", ", c.kinds()))
                            + (c.as() == null ? "" : " as " + c.as()), "column", c.body()));
                }
                for (int k = 0; k < t.fallbacks().size(); k++) {
                    groups.add(group(t.fallbacks().size() == 1 ? "fallback" : "fallback " + (k + 1), "column", t.fallbacks().get(k)));
                }
                block(o, "try", "try" + (t.fallbacks().isEmpty() ? "" : ", then each fallback in turn until one succeeds"),
                        groups.toArray(ObjectNode[]::new));
            }
            default -> leaf(o, "statement", NodeLabel.what(n), null, List.of());
        }
        return o;
    }

    private static void leaf(ObjectNode o, String kind, String label, String full, List<Node.CallSite> calls) {
        o.put("kind", kind);
        o.put("label", label);
        if (full != null) o.put("full", full);
        if (!calls.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Node.CallSite c : calls) {
                parts.add(c.workflow() != null ? "workflow " + c.workflow() : c.agent() + " on " + (c.model() == null ? "no model" : c.model()));
            }
            o.put("calls", String.join("; ", parts));
        }
    }

    private static void block(ObjectNode o, String kind, String label, ObjectNode... groups) {
        o.put("kind", kind);
        o.put("label", label);
        ArrayNode g = o.putArray("groups");
        for (ObjectNode group : groups) g.add(group);
    }

    /** {@code layout}: "column" for statements that run one after another, "row" for branches that run at once. */
    private static ObjectNode group(String label, String layout, List<String> ids) {
        ObjectNode g = JsonNodeFactory.instance.objectNode();
        if (label != null) g.put("label", label);
        g.put("layout", layout);
        g.set("ids", strings(ids));
        return g;
    }

    private static String retry(Node.Retry r) {
        StringBuilder t = new StringBuilder("retry up to " + ExprText.of(r.attempts()) + " attempts");
        if (r.backoff() != null) {
            t.append(", backoff ").append(ExprText.of(r.backoff())).append(" doubling");
            if (r.maxBackoff() != null) t.append(" up to ").append(ExprText.of(r.maxBackoff()));
        }
        if (r.jitter()) t.append(", jitter");
        return t.append(r.on().isEmpty() ? ", on every retryable error" : ", on " + String.join(", ", r.on())).toString();
    }

    private static String estimate(Estimate e) {
        String calls = e.callsMin() == e.callsMax() ? e.callsMin() + (e.callsMin() == 1 ? " call" : " calls")
                : e.callsMin() + " to " + e.callsMax() + " calls";
        return calls + ", at most " + e.tokensMax() + " tokens" + (e.costMax() == 0 ? "" : " and " + Dollars.show(e.costMax()))
                + ", about " + ExprText.duration(e.latencyMs()) + " along the critical path";
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        values.forEach(a::add);
        return a;
    }
}

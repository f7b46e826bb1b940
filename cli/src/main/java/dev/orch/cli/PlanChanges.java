package dev.orch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.compiler.plan.WorkflowPlan;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What differs between the plan a run recorded and a fresh compile of its script, in the words of the script:
 * declarations added, removed or changed, and per workflow the statements removed (`-`) and added (`+`), like a
 * unified diff. Statements are compared without their positions, so a line inserted above them is not a change.
 * The store keeps the plan, not the old source text, so this is as close to a diff as it can get.
 */
final class PlanChanges {
    private PlanChanges() {}

    static List<String> between(Plan recorded, Plan now) {
        List<String> changes = new ArrayList<>();
        declarations("model", recorded.models(), now.models(), m -> m.name(), changes);
        declarations("agent", recorded.agents(), now.agents(), a -> a.name(), changes);
        declarations("breaker", recorded.breakers(), now.breakers(), b -> b.name(), changes);
        if (!Objects.equals(shape(recorded.budget()), shape(now.budget()))) changes.add("~ budget changed");
        Set<String> names = new LinkedHashSet<>();
        recorded.workflows().forEach(w -> names.add(w.name()));
        now.workflows().forEach(w -> names.add(w.name()));
        for (String name : names) {
            WorkflowPlan before = recorded.workflow(name);
            WorkflowPlan after = now.workflow(name);
            if (before == null) changes.add("+ workflow " + name + " (new)");
            else if (after == null) changes.add("- workflow " + name + " (removed)");
            else statements(before, after, changes);
        }
        return changes;
    }

    private static <T> void declarations(String what, List<T> before, List<T> after, Function<T, String> name, List<String> out) {
        Map<String, String> was = new java.util.LinkedHashMap<>();
        Map<String, String> is = new java.util.LinkedHashMap<>();
        if (before != null) before.forEach(d -> was.put(name.apply(d), shape(d)));
        if (after != null) after.forEach(d -> is.put(name.apply(d), shape(d)));
        for (var e : was.entrySet()) {
            if (!is.containsKey(e.getKey())) out.add("- " + what + " " + e.getKey() + " (removed)");
            else if (!is.get(e.getKey()).equals(e.getValue())) out.add("~ " + what + " " + e.getKey() + " changed");
        }
        for (String n : is.keySet()) if (!was.containsKey(n)) out.add("+ " + what + " " + n + " (new)");
    }

    /** The statements of both versions in order, matched by a longest common subsequence of their shapes. */
    private static void statements(WorkflowPlan before, WorkflowPlan after, List<String> out) {
        List<Node> a = before.nodes();
        List<Node> b = after.nodes();
        List<String> sa = a.stream().map(PlanChanges::shape).toList();
        List<String> sb = b.stream().map(PlanChanges::shape).toList();
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = sa.get(i).equals(sb.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && sa.get(i).equals(sb.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
                out.add("+ " + describe(before.name(), b.get(j++)));
            } else {
                out.add("- " + describe(before.name(), a.get(i++)));
            }
        }
    }

    private static String describe(String workflow, Node n) {
        String what = switch (n) {
            case Node.Call c -> (c.target() == null ? "" : c.target() + " = ") + "call of " + c.agent();
            case Node.Assign x -> x.target() + " = ...";
            case Node.Phase p -> "phase \"" + p.name() + "\"";
            default -> n.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        };
        return workflow + " " + n.span().line() + ":" + n.span().col() + " " + what;
    }

    /** A declaration or statement as JSON without positions, ids and dependency lists, which move with any edit. */
    private static String shape(Object value) {
        if (value == null) return "null";
        JsonNode json = PlanJson.mapper().valueToTree(value);
        return strip(json).toString();
    }

    private static JsonNode strip(JsonNode json) {
        if (json instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (f.equals("id") || f.equals("span") || f.endsWith("_span") || f.equals("deps") || f.equals("inputs")) it.remove();
            }
            o.fields().forEachRemaining(e -> e.setValue(strip(e.getValue())));
            return o;
        }
        if (json instanceof ArrayNode arr) {
            for (int k = 0; k < arr.size(); k++) arr.set(k, strip(arr.get(k)));
            return arr;
        }
        if (json.isTextual() && json.asText().matches("\\d+:\\d+")) return TextNode.valueOf("#");
        return json;
    }
}

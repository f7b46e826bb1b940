package dev.orch.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.format.AstPrinter;
import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.compiler.plan.render.ExprText;
import dev.orch.compiler.plan.render.NodeLabel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What differs between the plan a run recorded and the plan of its script now, in words: `model slow: latency 3s ->
 * 200ms`, `agent writer: system "Be brief." -> "Be thorough."`, `main 9:3 c5 = a(...): prompt "..." -> "..."`.
 * Statements are matched as {@link PlaceMap} lines them up, as a resume matches journal entries, so what this lists
 * is what a resume sees (a statement inserted above another is new; the other has not changed). Positions, ids and dependency lists, which move with any edit, are not compared.
 */
public final class PlanDiff {
    private static final int SHORT = 60;

    private PlanDiff() {}

    /** Every change, declarations first, then each workflow's statements in the order of the script now. */
    public static List<String> between(Plan before, Plan after) {
        List<String> out = new ArrayList<>();
        declarations("model", before.models(), after.models(), m -> m.name(), out);
        declarations("agent", before.agents(), after.agents(), a -> a.name(), out);
        declarations("breaker", before.breakers(), after.breakers(), b -> b.name(), out);
        declarations("mcp", before.mcpServers(), after.mcpServers(), m -> m.name(), out);
        String budget = fields(before.budget(), after.budget());
        if (budget != null) out.add("budget: " + budget);
        PlaceMap map = PlaceMap.between(before, after);
        Set<String> names = new LinkedHashSet<>();
        after.workflows().forEach(w -> names.add(w.name()));
        before.workflows().forEach(w -> names.add(w.name()));
        for (String name : names) {
            WorkflowPlan was = before.workflow(name);
            WorkflowPlan is = after.workflow(name);
            if (was == null) out.add("workflow " + name + " (new)");
            else if (is == null) out.add("workflow " + name + " (removed)");
            else statements(was, is, map, out);
        }
        return out;
    }

    private static <T> void declarations(String what, List<T> before, List<T> after, Function<T, String> name, List<String> out) {
        Map<String, T> was = new LinkedHashMap<>();
        Map<String, T> is = new LinkedHashMap<>();
        if (before != null) before.forEach(d -> was.put(name.apply(d), d));
        if (after != null) after.forEach(d -> is.put(name.apply(d), d));
        for (var e : was.entrySet()) {
            if (!is.containsKey(e.getKey())) {
                out.add(what + " " + e.getKey() + " (removed)");
            } else {
                String changed = fields(e.getValue(), is.get(e.getKey()));
                if (changed != null) out.add(what + " " + e.getKey() + ": " + changed);
            }
        }
        for (String n : is.keySet()) if (!was.containsKey(n)) out.add(what + " " + n + " (new)");
    }

    private static void statements(WorkflowPlan before, WorkflowPlan after, PlaceMap map, List<String> out) {
        String params = fields(before.params(), after.params());
        if (params != null) out.add("workflow " + after.name() + ": parameters " + params);
        Map<String, Node> was = Places.of(before).statements();
        Map<String, Node> is = Places.of(after).statements();
        for (var e : is.entrySet()) {
            String from = map.recordedPath(after.name(), e.getKey());
            Node old = from == null ? null : was.get(from);
            if (old == null) out.add(where(after.name(), e.getValue()) + " (new)");
            else {
                String changed = statement(old, e.getValue());
                if (changed != null) out.add(where(after.name(), e.getValue()) + ": " + changed);
            }
        }
        for (var e : was.entrySet()) {
            if (map.nowPath(before.name(), e.getKey()) == null) out.add(where(before.name(), e.getValue()) + " (removed)");
        }
    }

    /** `main 9:3 c5 = a(...) on m`: a statement by its workflow, position and what it does. */
    static String where(String workflow, Node n) {
        return workflow + " " + n.id() + " " + NodeLabel.what(n);
    }

    /** How a statement changed, or null when it did not (in what it does; its position may have moved). */
    public static String statement(Node before, Node after) {
        if (shape(before).equals(shape(after))) return null;
        if (before.getClass() != after.getClass()) return "was " + NodeLabel.what(before) + ", now " + NodeLabel.what(after);
        List<String> changes = new ArrayList<>();
        if (before instanceof Node.Call a && after instanceof Node.Call b) {
            call(a.value(), b.value(), changes);
            if (!Objects.equals(a.target(), b.target())) changes.add("assigns " + b.target() + " instead of " + a.target());
        } else {
            List<Expr> a = Places.expressions(before);
            List<Expr> b = Places.expressions(after);
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                String x = i < a.size() ? ExprText.of(a.get(i)) : "";
                String y = i < b.size() ? ExprText.of(b.get(i)) : "";
                if (!x.equals(y)) changes.add(x + " -> " + y);
            }
        }
        if (changes.isEmpty()) {
            String f = fields(before, after);
            return f == null ? "its block changed" : f;
        }
        return String.join(", ", changes);
    }

    /** A call's prompt (its first argument), other arguments and options, each shown whole before and after. */
    private static void call(Expr.Call a, Expr.Call b, List<String> out) {
        if (!a.callee().equals(b.callee())) out.add("calls " + b.callee() + " instead of " + a.callee());
        for (int i = 0; i < Math.max(a.args().size(), b.args().size()); i++) {
            String x = i < a.args().size() ? ExprText.of(a.args().get(i)) : "none";
            String y = i < b.args().size() ? ExprText.of(b.args().get(i)) : "none";
            if (!x.equals(y)) out.add((i == 0 ? "prompt " : "argument " + (i + 1) + " ") + x + " -> " + y);
        }
        Set<String> options = new LinkedHashSet<>();
        a.options().forEach(o -> options.add(o.name()));
        b.options().forEach(o -> options.add(o.name()));
        for (String o : options) {
            String x = a.option(o) == null ? "none" : ExprText.of(a.option(o));
            String y = b.option(o) == null ? "none" : ExprText.of(b.option(o));
            if (!x.equals(y)) out.add(o + " " + x + " -> " + y);
        }
    }

    /**
     * The fields that differ between two declarations (or any plan values), as `name old -> new`; nested objects
     * are flattened (`latency 3s -> 200ms` of a model's mock options). Null when none differs.
     */
    public static String fields(Object before, Object after) {
        JsonNode a = strip(PlanJson.mapper().valueToTree(before));
        JsonNode b = strip(PlanJson.mapper().valueToTree(after));
        if (a.equals(b)) return null;
        List<String> out = new ArrayList<>();
        fields("", a, b, out);
        return out.isEmpty() ? "changed" : String.join(", ", out);
    }

    private static void fields(String name, JsonNode a, JsonNode b, List<String> out) {
        if (Objects.equals(a, b)) return;
        if (a instanceof ObjectNode x && b instanceof ObjectNode y) {
            Set<String> names = new LinkedHashSet<>();
            x.fieldNames().forEachRemaining(names::add);
            y.fieldNames().forEachRemaining(names::add);
            for (String f : names) fields(f, x.get(f), y.get(f), out);
            return;
        }
        String shown = name.endsWith("_ms") ? name.substring(0, name.length() - 3) : name;
        out.add((shown.isEmpty() ? "" : shown + " ") + value(name, a) + " -> " + value(name, b));
    }

    private static String value(String name, JsonNode v) {
        if (v == null || v.isNull()) return "none";
        if (name.endsWith("_ms") && v.canConvertToLong()) return AstPrinter.duration(v.asLong());
        if (v.isTextual()) return "\"" + v.asText() + "\"";
        if (v.isNumber()) return AstPrinter.number(v.asDouble());
        String json = v.toString();
        return json.length() <= SHORT ? json : json.substring(0, SHORT - 3) + "...";
    }

    /**
     * A plan value as JSON without positions, ids, dependency lists and the ids of a block's children: what it does
     * itself, not where it is.
     */
    static String shape(Object value) {
        if (value == null) return "null";
        return strip(PlanJson.mapper().valueToTree(value)).toString();
    }

    private static JsonNode strip(JsonNode json) {
        if (json instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                // A block's children are compared as statements of their own, by place.
                if (f.equals("id") || f.equals("span") || f.endsWith("_span") || f.endsWith("_spans") || f.equals("deps")
                        || f.equals("inputs") || f.equals("body") || f.equals("otherwise") || f.equals("fallbacks")
                        || f.equals("waves")) it.remove();
            }
            o.fields().forEachRemaining(e -> e.setValue(strip(e.getValue())));
            return o;
        }
        if (json instanceof ArrayNode arr) {
            for (int k = 0; k < arr.size(); k++) arr.set(k, strip(arr.get(k)));
            return arr;
        }
        return json;
    }
}

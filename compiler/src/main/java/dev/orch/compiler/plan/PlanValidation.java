package dev.orch.compiler.plan;

import dev.orch.compiler.ast.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a plan read from JSON must satisfy before anything runs it: the version this build writes, every list
 * present, unique node ids, every id a node refers to (`body`, `deps`, branches, catches, fallbacks, dag inputs)
 * defined in its workflow, each node the child of at most one block and of none of its own descendants (so no
 * block contains itself), known agents and models, and numbers in range. A plan is data anyone may have written;
 * each problem names where it is, as `workflows[0] "main" nodes[3] "4:5"`.
 */
public final class PlanValidation {
    /** Problems beyond this many are not listed: one damaged plan should not print a thousand lines. */
    private static final int MAX_PROBLEMS = 20;
    private final List<String> problems = new ArrayList<>();

    private PlanValidation() {}

    public static List<String> problems(Plan plan) {
        PlanValidation v = new PlanValidation();
        v.plan(plan);
        return v.problems.size() > MAX_PROBLEMS ? v.problems.subList(0, MAX_PROBLEMS) : v.problems;
    }

    private void plan(Plan plan) {
        if (plan.version() != Plan.VERSION) {
            problem("version", "is " + plan.version() + "; this orch reads plans of version " + Plan.VERSION
                    + " (compile the script again with this orch)");
        }
        if (plan.source() == null || plan.source().path() == null || plan.source().sha256() == null) {
            problem("source", "needs a path and a sha256");
        }
        if (plan.models() == null) problem("models", "is missing");
        if (plan.agents() == null) problem("agents", "is missing");
        if (plan.breakers() == null) problem("breakers", "is missing");
        if (plan.workflows() == null) {
            problem("workflows", "is missing");
            return;
        }
        Set<String> models = new HashSet<>();
        if (plan.models() != null) {
            for (int i = 0; i < plan.models().size(); i++) model("models[" + i + "]", plan.models().get(i), models);
        }
        Set<String> agents = new HashSet<>();
        if (plan.agents() != null) {
            for (int i = 0; i < plan.agents().size(); i++) {
                AgentSpec a = plan.agents().get(i);
                String where = "agents[" + i + "]";
                if (a == null || a.name() == null) {
                    problem(where, "needs a name");
                    continue;
                }
                where += " \"" + a.name() + "\"";
                agents.add(a.name());
                if (a.model() != null && !models.contains(a.model())) problem(where, "runs on the model \"" + a.model() + "\", which the plan does not declare");
                if (a.maxTokens() != null && a.maxTokens() <= 0) problem(where, "max_tokens is " + a.maxTokens() + "; it must be above 0");
                if (a.timeoutMs() != null && a.timeoutMs() <= 0) problem(where, "timeout_ms is " + a.timeoutMs() + "; it must be above 0");
            }
        }
        if (plan.breakers() != null) {
            for (int i = 0; i < plan.breakers().size(); i++) {
                BreakerSpec b = plan.breakers().get(i);
                String where = "breakers[" + i + "]";
                if (b == null || b.name() == null) {
                    problem(where, "needs a name");
                    continue;
                }
                if (b.failures() <= 0) problem(where, "failures is " + b.failures() + "; it must be above 0");
                if (b.windowMs() <= 0) problem(where, "window_ms is " + b.windowMs() + "; it must be above 0");
                if (b.cooldownMs() < 0) problem(where, "cooldown_ms is " + b.cooldownMs() + "; it cannot be negative");
            }
        }
        if (plan.budget() != null) {
            if (plan.budget().tokens() != null && plan.budget().tokens() < 0) problem("budget", "tokens cannot be negative");
            if (plan.budget().cost() != null && !(plan.budget().cost() >= 0)) problem("budget", "cost must be a number of at least 0");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < plan.workflows().size(); i++) {
            WorkflowPlan w = plan.workflows().get(i);
            String where = "workflows[" + i + "]";
            if (w == null || w.name() == null) {
                problem(where, "needs a name");
                continue;
            }
            where += " \"" + w.name() + "\"";
            if (!names.add(w.name())) problem(where, "is a second workflow of that name");
            workflow(where, w, agents, models);
        }
        for (int i = 0; i < plan.workflows().size(); i++) {
            WorkflowPlan w = plan.workflows().get(i);
            if (w != null && w.name() != null) callees("workflows[" + i + "] \"" + w.name() + "\"", w, agents, names);
        }
    }

    /** What each call resolved to must exist: the interpreter follows these entries and looks nothing up by name. */
    private void callees(String where, WorkflowPlan w, Set<String> agents, Set<String> workflows) {
        if (w.callees() == null) return; // a plan from before callees were recorded: see Callee.byName
        w.callees().forEach((at, callee) -> {
            String place = where + " callees \"" + at + "\"";
            switch (callee) {
                case null -> problem(place, "is empty");
                case Callee.Agent a when !agents.contains(a.name()) -> problem(place, "calls the agent \"" + a.name() + "\", which the plan does not declare");
                case Callee.Workflow f when !workflows.contains(f.name()) -> problem(place, "calls the workflow \"" + f.name() + "\", which the plan does not declare");
                case Callee.Builtin b when b.builtin() == null -> problem(place, "calls \"" + b.name() + "\", which is not a builtin");
                default -> {}
            }
        });
    }

    private void model(String where, ModelSpec m, Set<String> models) {
        if (m == null || m.name() == null || m.provider() == null) {
            problem(where, "needs a name and a provider");
            return;
        }
        where += " \"" + m.name() + "\"";
        models.add(m.name());
        positive(where, "max_concurrency", m.maxConcurrency());
        positive(where, "rpm", m.rpm());
        positive(where, "tpm", m.tpm());
        if (m.priceIn() != null && !(m.priceIn() >= 0)) problem(where, "price_in must be a number of at least 0");
        if (m.priceOut() != null && !(m.priceOut() >= 0)) problem(where, "price_out must be a number of at least 0");
        if (m.mock() != null) {
            MockSpec mock = m.mock();
            if (mock.latencyMs() != null && mock.latencyMs() < 0) problem(where, "latency cannot be negative");
            if (mock.failFirst() != null && mock.failFirst() < 0) problem(where, "fail_first cannot be negative");
            if (mock.failRate() != null && !(mock.failRate() >= 0 && mock.failRate() <= 1)) problem(where, "fail_rate must be between 0 and 1");
        }
    }

    private void positive(String where, String key, Integer value) {
        if (value != null && value <= 0) problem(where, key + " is " + value + "; it must be above 0");
    }

    private void workflow(String where, WorkflowPlan w, Set<String> agents, Set<String> models) {
        if (w.nodes() == null || w.body() == null) {
            problem(where, "needs its nodes and body");
            return;
        }
        Map<String, Node> byId = new HashMap<>();
        for (int i = 0; i < w.nodes().size(); i++) {
            Node n = w.nodes().get(i);
            if (n == null || n.id() == null) {
                problem(where + " nodes[" + i + "]", "needs an id");
                continue;
            }
            if (byId.putIfAbsent(n.id(), n) != null) problem(where + " nodes[" + i + "] \"" + n.id() + "\"", "has the id of an earlier node");
        }
        if (!problems.isEmpty()) return;
        for (int i = 0; i < w.nodes().size(); i++) {
            Node n = w.nodes().get(i);
            String at = where + " nodes[" + i + "] \"" + n.id() + "\"";
            for (String d : orEmpty(n.deps())) if (!byId.containsKey(d)) problem(at, "depends on \"" + d + "\", which is no node of the workflow");
            for (String c : children(n)) if (c == null || !byId.containsKey(c)) problem(at, "lists \"" + c + "\" in a body, which is no node of the workflow");
            node(at, n, agents, models);
        }
        for (String top : w.body()) if (!byId.containsKey(top)) problem(where + " body", "lists \"" + top + "\", which is no node of the workflow");
        if (!problems.isEmpty()) return;
        // Blocks form a tree: each node is reached once from the workflow's body, never from inside itself.
        Map<String, String> parent = new HashMap<>();
        for (String top : w.body()) reach(where, top, null, parent, byId, new HashSet<>());
    }

    private void reach(String where, String id, String from, Map<String, String> parent, Map<String, Node> byId, Set<String> path) {
        if (!path.add(id)) {
            problem(where + " nodes \"" + id + "\"", "contains itself (through \"" + from + "\")");
            return;
        }
        if (parent.containsKey(id)) {
            problem(where + " nodes \"" + id + "\"", "is listed in two bodies (\"" + parent.get(id) + "\" and \"" + from + "\")");
            path.remove(id);
            return;
        }
        parent.put(id, from == null ? "the workflow" : from);
        for (String c : children(byId.get(id))) {
            if (problems.size() > MAX_PROBLEMS) break;
            reach(where, c, id, parent, byId, path);
        }
        path.remove(id);
    }

    private void node(String at, Node n, Set<String> agents, Set<String> models) {
        switch (n) {
            case Node.Call c -> {
                if (c.agent() != null && !agents.contains(c.agent())) problem(at, "calls the agent \"" + c.agent() + "\", which the plan does not declare");
                if (c.model() != null && !models.contains(c.model())) problem(at, "names the model \"" + c.model() + "\", which the plan does not declare");
                if (c.value() == null) problem(at, "needs its call");
            }
            case Node.Retry r -> {
                atLeast(at, "attempts", r.attempts(), 1);
                atLeast(at, "backoff", r.backoff(), 0);
                atLeast(at, "max", r.maxBackoff(), 0);
            }
            case Node.Parallel p -> atLeast(at, "max", p.max(), 1);
            case Node.Dag d -> {
                atLeast(at, "max", d.max(), 1);
                if (d.inputs() != null) {
                    Set<String> body = new HashSet<>(orEmpty(d.body()));
                    d.inputs().forEach((k, v) -> {
                        if (!body.contains(k) || !body.containsAll(orEmpty(v))) problem(at, "has inputs for \"" + k + "\" outside its body");
                    });
                }
            }
            case Node.For f -> atLeast(at, "max", f.max(), 1);
            case Node.Loop l -> atLeast(at, "max", l.max(), 0);
            case Node.Timeout t -> atLeast(at, "duration", t.duration(), 0);
            default -> {}
        }
    }

    /** A literal bound below {@code min} (a computed one is checked when the run reaches it). */
    private void atLeast(String at, String what, Expr e, double min) {
        Long v = e == null ? null : Constants.millis(e);
        if (v != null && v < min) problem(at, what + " is " + v + "; it must be at least " + (long) min);
    }

    /** The ids a block lists as its children, in every body it has. */
    static List<String> children(Node n) {
        List<String> out = new ArrayList<>();
        switch (n) {
            case Node.Sequence s -> out.addAll(orEmpty(s.body()));
            case Node.Parallel p -> out.addAll(orEmpty(p.body()));
            case Node.Dag d -> out.addAll(orEmpty(d.body()));
            case Node.Race r -> out.addAll(orEmpty(r.body()));
            case Node.Retry r -> out.addAll(orEmpty(r.body()));
            case Node.Timeout t -> out.addAll(orEmpty(t.body()));
            case Node.If i -> {
                for (Node.Branch b : orEmpty(i.branches())) if (b != null) out.addAll(orEmpty(b.body()));
                out.addAll(orEmpty(i.otherwise()));
            }
            case Node.For f -> out.addAll(orEmpty(f.body()));
            case Node.Loop l -> out.addAll(orEmpty(l.body()));
            case Node.Try t -> {
                out.addAll(orEmpty(t.body()));
                for (Node.Catch c : orEmpty(t.catches())) if (c != null) out.addAll(orEmpty(c.body()));
                for (List<String> f : orEmpty(t.fallbacks())) out.addAll(orEmpty(f));
            }
            case Node.Phase p -> out.addAll(orEmpty(p.body()));
            default -> {}
        }
        return out;
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    private void problem(String where, String what) {
        problems.add(where + ": " + what);
    }
}

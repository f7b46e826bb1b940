package dev.orch.compiler.plan;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.lang.Builtin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Bounds a plan before it runs: calls at least and at most, worst-case tokens and cost, and the critical path.
 *
 * <p>Worst case: every `retry` uses all its attempts, every loop runs to its bound, an `if` takes its most expensive
 * branch, a `try` fails its body and then runs its most expensive catch or every fallback, and every branch of a
 * `race` makes its calls. A call's tokens are its prompt (literal text and the system prompt at 4 characters a
 * token, each interpolated name at its producer's `max_tokens`) plus its own `max_tokens`. Workflow calls count
 * the called workflow's estimate. The assumptions where the script does not say are the constants below.
 */
public final class Estimator {
    /** `max_tokens` of an agent that does not set it. */
    public static final long DEFAULT_MAX_TOKENS = 1024;
    /** Tokens of an interpolated value that no agent call produced (a parameter, a file, a computed text). */
    public static final long VALUE_TOKENS = 250;
    /** Iterations of a `loop` without `max`, as the language defines. */
    public static final long LOOP_MAX = 10;
    /** Iterations assumed for a `for` over a list only known at run time. */
    public static final long FOR_ITEMS = 10;
    /** Attempts assumed for a `retry` whose count is not a number literal. */
    public static final long RETRY_ATTEMPTS = 3;
    /** Time assumed for a call to a real provider (mock models use their `latency`). */
    public static final long REAL_CALL_MS = 1000;

    /**
     * A dag's statements by position in its body: the positions of each one's inputs (-1: not in this dag) and when
     * each finishes (null: never, as in a cycle).
     */
    private record DagTimes(int[][] inputs, long[][] finish) {
        private static final long[] NEVER = {0, 0};

        long[] at(int i) {
            return i < 0 || finish[i] == null ? NEVER : finish[i];
        }
    }

    /** A node's bounds while estimating; {@code latency} is the nominal time of its longest chain. */
    private record Bounds(long min, long max, long tokens, double cost, long latency) {
        static final Bounds ZERO = new Bounds(0, 0, 0, 0, 0);

        Bounds then(Bounds o) {
            return new Bounds(add(min, o.min), add(max, o.max), add(tokens, o.tokens), cost + o.cost, add(latency, o.latency));
        }

        Bounds times(long n, long minTimes) {
            return new Bounds(mul(min, minTimes), mul(max, n), mul(tokens, n), cost * n, mul(latency, n));
        }

        Estimate toEstimate() {
            return new Estimate(min, max, tokens, Math.round(cost * 1e6) / 1e6, latency);
        }
    }

    public record Result(Plan plan, List<Diagnostic> diagnostics) {}

    private final Plan plan;
    private final Map<String, Bounds> workflowBounds = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    private Estimator(Plan plan) {
        this.plan = plan;
    }

    public static Result estimate(Plan plan) {
        Estimator e = new Estimator(plan);
        List<WorkflowPlan> workflows = new ArrayList<>();
        for (WorkflowPlan w : plan.workflows()) {
            Bounds b = e.workflow(w);
            workflows.add(new WorkflowPlan(w.name(), w.params(), w.returns(), w.body(), w.nodes(), w.callees(), b.toEstimate(),
                    e.criticalPath(w), w.span(), w.tool()));
        }
        WorkflowPlan main = workflows.stream().filter(w -> w.name().equals("main")).findFirst().orElse(null);
        Estimate total = main == null ? Estimate.ZERO : main.estimate();
        Plan estimated = new Plan(plan.version(), plan.source(), plan.models(), plan.agents(), plan.breakers(),
                plan.budget(), List.copyOf(workflows), total, main == null ? List.of() : main.criticalPath(), plan.mcpServers(),
                plan.types());
        return new Result(estimated, overBudget(plan.budget(), total));
    }

    /**
     * The bounds of one call of a planned workflow ({@code workflow}, by name, of an estimated plan): an agent's
     * calls, tokens and cost, or a called workflow's whole estimate; {@link Estimate#ZERO} for a builtin.
     */
    public static Estimate call(Plan plan, String workflow, Expr.Call call) {
        Estimator e = new Estimator(plan);
        WorkflowPlan w = plan.workflow(workflow);
        if (w == null) return Estimate.ZERO;
        return e.call(call, e.scope(w)).toEstimate();
    }

    private static List<Diagnostic> overBudget(BudgetSpec budget, Estimate e) {
        if (budget == null) return List.of();
        List<Diagnostic> out = new ArrayList<>();
        String hint = "the worst case counts every retry attempt and every loop at its bound; "
                + "lower max_tokens, retries or loop counts, or raise the budget";
        if (budget.tokens() != null && e.tokensMax() > budget.tokens()) {
            out.add(Diagnostic.warning(budget.span(), "the worst case of this run, " + e.tokensMax()
                    + " tokens, is above the budget of " + budget.tokens() + " tokens", hint));
        }
        if (budget.cost() != null && e.costMax() > budget.cost()) {
            out.add(Diagnostic.warning(budget.span(), "the worst case of this run, $" + money(e.costMax())
                    + ", is above the budget of $" + money(budget.cost()), hint));
        }
        return out;
    }

    public static String money(double cost) {
        return String.format(Locale.ROOT, cost < 0.01 && cost > 0 ? "%.4f" : "%.2f", cost);
    }

    // ---- workflows ----------------------------------------------------------------------------------------

    /** Per workflow being estimated: its nodes by id, each node's bounds, and the tokens of each name's producer. */
    private final class Scope {
        final Map<String, Node> nodes;
        final Map<String, Bounds> bounds;
        final Map<String, Long> producedTokens = new HashMap<>();
        /** Per dag, when each statement finishes: computed once for the estimate, reused by the critical path. */
        final Map<Node.Dag, DagTimes> finishTimes = new java.util.IdentityHashMap<>();

        /** Names given a list literal by their only assignment: a `for` over one knows its length. */
        final Map<String, Integer> literalLists = new HashMap<>();

        Scope(WorkflowPlan w) {
            nodes = HashMap.newHashMap(w.nodes().size());
            bounds = HashMap.newHashMap(w.nodes().size());
            Map<String, Integer> assignments = new HashMap<>();
            for (Node n : w.nodes()) {
                nodes.put(n.id(), n);
                if (n instanceof Node.Call c && c.target() != null) {
                    producedTokens.merge(c.target(), outputTokens(c.value()), Math::max);
                    assignments.merge(c.target(), 2, Integer::sum);
                }
                if (n instanceof Node.Assign a) {
                    assignments.merge(a.target(), a.declaresVar() ? 2 : 1, Integer::sum);
                    if (a.value() instanceof Expr.ListOf l) literalLists.put(a.target(), l.items().size());
                }
                if (n instanceof Node.For f && f.variable() != null) assignments.merge(f.variable(), 2, Integer::sum);
            }
            for (var p : w.params()) assignments.merge(p.name(), 2, Integer::sum);
            literalLists.keySet().removeIf(name -> assignments.getOrDefault(name, 0) != 1);
        }
    }

    private final Map<String, Scope> scopes = new HashMap<>();

    private Scope scope(WorkflowPlan w) {
        return scopes.computeIfAbsent(w.name(), n -> new Scope(w));
    }

    private Bounds workflow(WorkflowPlan w) {
        Bounds done = workflowBounds.get(w.name());
        if (done != null) return done;
        // The dependency pass rejects recursive workflows; this guard only keeps a bad plan file from looping.
        if (!inProgress.add(w.name())) return Bounds.ZERO;
        Scope scope = scope(w);
        Bounds b = sequence(w.body(), scope);
        inProgress.remove(w.name());
        workflowBounds.put(w.name(), b);
        return b;
    }

    private Bounds sequence(List<String> ids, Scope scope) {
        Bounds total = Bounds.ZERO;
        for (String id : ids) total = total.then(node(id, scope));
        return total;
    }

    private Bounds node(String id, Scope scope) {
        Node n = scope.nodes.get(id);
        Bounds b = switch (n) {
            case Node.Call c -> expressions(n, scope);
            case Node.Assign a -> expressions(n, scope);
            case Node.Eval e -> expressions(n, scope);
            case Node.Print p -> expressions(n, scope);
            case Node.Return r -> expressions(n, scope);
            case Node.Fail f -> expressions(n, scope);
            case Node.Break br -> Bounds.ZERO;
            case Node.Expect x -> expressions(n, scope);
            case Node.Sequence s -> sequence(s.body(), scope);
            case Node.Phase p -> sequence(p.body(), scope);
            case Node.Timeout t -> sequence(t.body(), scope);
            case Node.Parallel p -> together(p.body(), scope);
            case Node.Dag d -> dag(d, scope);
            case Node.Race r -> {
                Bounds all = together(r.body(), scope);
                long min = Long.MAX_VALUE;
                long fastest = Long.MAX_VALUE;
                for (String child : r.body()) {
                    min = Math.min(min, scope.bounds.get(child).min);
                    fastest = Math.min(fastest, scope.bounds.get(child).latency);
                }
                yield r.body().isEmpty() ? Bounds.ZERO : new Bounds(min, all.max, all.tokens, all.cost, fastest);
            }
            case Node.Retry r -> {
                long attempts = Math.max(1, count(r.attempts(), RETRY_ATTEMPTS));
                Bounds body = sequence(r.body(), scope);
                yield new Bounds(body.min, mul(body.max, attempts), mul(body.tokens, attempts), body.cost * attempts,
                        body.latency);
            }
            case Node.If i -> {
                Bounds conditions = Bounds.ZERO;
                List<Bounds> branches = new ArrayList<>();
                for (Node.Branch br : i.branches()) {
                    conditions = conditions.then(calls(br.condition(), scope));
                    branches.add(sequence(br.body(), scope));
                }
                branches.add(i.otherwise() == null ? Bounds.ZERO : sequence(i.otherwise(), scope));
                yield conditions.then(oneOf(branches));
            }
            case Node.For f -> {
                Bounds items = calls(f.items(), scope);
                Bounds body = sequence(f.body(), scope);
                Integer length = switch (f.items()) {
                    case Expr.ListOf l -> l.items().size();
                    case Expr.Name name -> scope.literalLists.get(name.name());
                    default -> null;
                };
                boolean known = length != null;
                long n2 = known ? length : FOR_ITEMS;
                // With `where`, every item's condition runs and any number of bodies, none at the least.
                Bounds filter = f.where() == null ? Bounds.ZERO : calls(f.where(), scope).times(n2, known ? n2 : 0);
                Bounds all = filter.then(body.times(n2, known && f.where() == null ? n2 : 0));
                if (f.parallel()) {
                    long width = f.max() == null ? n2 : Math.max(1, count(f.max(), n2));
                    all = new Bounds(all.min, all.max, all.tokens, all.cost, mul(body.latency, (n2 + width - 1) / Math.max(1, width)));
                }
                yield items.then(all);
            }
            case Node.Loop l -> {
                long max = Math.max(1, count(l.max(), LOOP_MAX));
                Bounds body = sequence(l.body(), scope).then(calls(l.until(), scope));
                yield body.times(max, 1);
            }
            case Node.Try t -> {
                Bounds body = sequence(t.body(), scope);
                Bounds worstCatch = Bounds.ZERO;
                for (Node.Catch c : t.catches()) {
                    Bounds cb = sequence(c.body(), scope);
                    if (cb.max > worstCatch.max || cb.tokens > worstCatch.tokens) worstCatch = cb;
                }
                Bounds fallbacks = Bounds.ZERO;
                for (List<String> f : t.fallbacks()) fallbacks = fallbacks.then(sequence(f, scope));
                Bounds recovery = fallbacks.max > worstCatch.max || fallbacks.tokens > worstCatch.tokens ? fallbacks : worstCatch;
                yield new Bounds(body.min, add(body.max, recovery.max), add(body.tokens, recovery.tokens),
                        body.cost + recovery.cost, body.latency);
            }
        };
        scope.bounds.put(id, b);
        return b;
    }

    /** Branches that run at the same time: their calls add up, and the slowest one sets the time. */
    private Bounds together(List<String> ids, Scope scope) {
        Bounds total = Bounds.ZERO;
        long slowest = 0;
        for (String id : ids) {
            Bounds b = node(id, scope);
            total = total.then(b);
            slowest = Math.max(slowest, b.latency);
        }
        return new Bounds(total.min, total.max, total.tokens, total.cost, slowest);
    }

    private Bounds oneOf(List<Bounds> branches) {
        long min = Long.MAX_VALUE;
        long max = 0;
        long tokens = 0;
        double cost = 0;
        long latency = 0;
        for (Bounds b : branches) {
            min = Math.min(min, b.min);
            max = Math.max(max, b.max);
            tokens = Math.max(tokens, b.tokens);
            cost = Math.max(cost, b.cost);
            latency = Math.max(latency, b.latency);
        }
        return new Bounds(min == Long.MAX_VALUE ? 0 : min, max, tokens, cost, latency);
    }

    /** A dag's time is its longest chain of inputs, found in one pass in topological order (Kahn's algorithm). */
    private Bounds dag(Node.Dag d, Scope scope) {
        Bounds total = together(d.body(), scope);
        long longest = 0;
        for (long[] f : finishTimes(d, scope).finish()) if (f != null) longest = Math.max(longest, f[0]);
        return new Bounds(total.min, total.max, total.tokens, total.cost, longest);
    }

    /**
     * When each statement of a dag finishes, as (time, calls) along its slowest chain of inputs: the call count
     * breaks ties, so a script of instant mock calls still has a critical path, its longest chain of calls.
     */
    private DagTimes finishTimes(Node.Dag d, Scope scope) {
        DagTimes known = scope.finishTimes.get(d);
        if (known != null) return known;
        // Statements by position in the body, inputs as positions (-1: not in this dag, so never ready).
        List<String> body = d.body();
        int n = body.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) index.putIfAbsent(body.get(i), i);
        int[][] inputs = new int[n][];
        int[] waiting = new int[n];
        int[] nextCount = new int[n];
        for (int i = 0; i < n; i++) {
            List<String> ins = d.inputs().getOrDefault(body.get(i), List.of());
            int[] at = new int[ins.size()];
            for (int k = 0; k < at.length; k++) {
                Integer j = index.get(ins.get(k));
                at[k] = j == null ? -1 : j;
                if (j != null) nextCount[j]++;
            }
            inputs[i] = at;
            waiting[i] = at.length;
        }
        int[][] next = new int[n][];
        for (int i = 0; i < n; i++) next[i] = new int[nextCount[i]];
        int[] filled = new int[n];
        for (int i = 0; i < n; i++) for (int j : inputs[i]) if (j >= 0) next[j][filled[j]++] = i;
        long[][] finish = new long[n][];
        int[] ready = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) if (waiting[i] == 0) ready[tail++] = i;
        while (head < tail) {
            int i = ready[head++];
            long[] start = {0, 0};
            for (int j : inputs[i]) {
                long[] f = j < 0 ? null : finish[j];
                if (f != null && later(f, start)) start = f;
            }
            Bounds b = scope.bounds.get(body.get(i));
            finish[i] = new long[] {add(start[0], b.latency), add(start[1], b.max)};
            for (int s : next[i]) if (--waiting[s] == 0) ready[tail++] = s;
        }
        DagTimes times = new DagTimes(inputs, finish);
        scope.finishTimes.put(d, times);
        return times;
    }

    private static boolean later(long[] a, long[] b) {
        return a[0] != b[0] ? a[0] > b[0] : a[1] > b[1];
    }

    // ---- calls --------------------------------------------------------------------------------------------

    private Bounds expressions(Node n, Scope scope) {
        Bounds total = Bounds.ZERO;
        for (Expr e : expressions(n)) total = total.then(calls(e, scope));
        return total;
    }

    private static List<Expr> expressions(Node n) {
        if (n instanceof Node.Call c) return List.of(c.value());
        if (n instanceof Node.Assign a) return List.of(a.value());
        if (n instanceof Node.Eval e) return List.of(e.value());
        if (n instanceof Node.Print p) return List.of(p.value());
        if (n instanceof Node.Return r) return r.value() == null ? List.of() : List.of(r.value());
        if (n instanceof Node.Fail f) return List.of(f.message());
        if (n instanceof Node.Expect x) {
            return x.message() == null ? List.of(x.condition()) : List.of(x.condition(), x.message());
        }
        return List.of();
    }

    /** True when the plan calls `run(...)`: the calls of the code it compiles are known only at run time. */
    public static boolean generatesCode(Plan plan) {
        boolean[] found = {false};
        for (WorkflowPlan w : plan.workflows()) {
            for (Node n : w.nodes()) {
                for (Expr e : expressions(n)) {
                    AstWalk.calls(e, c -> found[0] |= c.callee().equals(Builtin.RUN.callName)
                            && plan.agent(c.callee()) == null && plan.workflow(c.callee()) == null);
                }
            }
        }
        return found[0];
    }

    /** The agent, workflow and `summarize` calls in one expression, one after another. */
    private Bounds calls(Expr e, Scope scope) {
        if (e == null) return Bounds.ZERO;
        Bounds[] total = {Bounds.ZERO};
        AstWalk.calls(e, c -> total[0] = total[0].then(call(c, scope)));
        return total[0];
    }

    private Bounds call(Expr.Call c, Scope scope) {
        AgentSpec agent = plan.agent(c.callee());
        if (agent != null) {
            String modelName = c.option("model") instanceof Expr.Name n ? n.name() : agent.model();
            ModelSpec model = modelName == null ? null : plan.model(modelName);
            long in = ceilQuarter(agent.system() == null ? 0 : agent.system().length());
            for (Expr a : c.args()) in = add(in, promptTokens(a, scope));
            Bounds turn = modelCall(model, in, outputTokens(c));
            // With tools, one call is 1 to max_turns model turns; each turn reads the prompt again and may reply in
            // full (what the tools return is unknown before the run, so it is not counted).
            int turns = agent.turnLimit();
            Bounds b = turns == 1 ? turn : new Bounds(1, turns, mul(turn.tokens(), turns), turn.cost() * turns, mul(turn.latency(), turns));
            return b.then(declaredTools(agent, turns));
        }
        WorkflowPlan w = plan.workflow(c.callee());
        if (w != null) return workflow(w);
        if (c.callee().equals("summarize") && c.option("model") instanceof Expr.Name n && plan.model(n.name()) != null) {
            long in = 0;
            for (Expr a : c.args()) in = add(in, promptTokens(a, scope));
            return modelCall(plan.model(n.name()), in, count(c.option("tokens"), DEFAULT_MAX_TOKENS));
        }
        return Bounds.ZERO;
    }

    /**
     * The agent calls inside the declared tools (`tool` workflows) an agent offers: none at least (the model may never
     * call one), and at most each tool once in every turn but the last, which answers. A model can ask for the same
     * tool several times in one turn; the plan text says this bound assumes it does not.
     */
    private Bounds declaredTools(AgentSpec agent, int turns) {
        Bounds each = Bounds.ZERO;
        if (agent.tools() == null) return Bounds.ZERO;
        for (String name : agent.tools()) {
            WorkflowPlan tool = plan.workflow(name);
            if (tool != null && tool.tool() != null) each = each.then(workflow(tool));
        }
        if (each.max() == 0) return Bounds.ZERO;
        return each.times(Math.max(0, turns - 1), 0);
    }

    /** Whether some agent offers a declared tool that itself calls agents (the estimate then assumes one call a turn). */
    public static boolean toolsCallAgents(Plan plan) {
        Estimator e = new Estimator(plan);
        for (AgentSpec a : plan.agents()) {
            if (a.tools() == null) continue;
            for (String name : a.tools()) {
                WorkflowPlan tool = plan.workflow(name);
                if (tool != null && tool.tool() != null && e.workflow(tool).max() > 0) return true;
            }
        }
        return false;
    }

    private static Bounds modelCall(ModelSpec model, long in, long out) {
        double cost = 0;
        long latency = REAL_CALL_MS;
        if (model != null) {
            if (model.priceIn() != null) cost += in * model.priceIn() / 1e6;
            if (model.priceOut() != null) cost += out * model.priceOut() / 1e6;
            if (model.mock() != null) latency = model.mock().latencyMs() == null ? 0 : model.mock().latencyMs();
        }
        return new Bounds(1, 1, add(in, out), cost, latency);
    }

    /** The reply's ceiling: the call's `max_tokens:`, else its agent's, else the default. */
    private long outputTokens(Expr.Call c) {
        Long own = Constants.whole(c.option("max_tokens"));
        if (own != null) return own;
        AgentSpec agent = plan.agent(c.callee());
        return agent != null && agent.maxTokens() != null ? agent.maxTokens() : DEFAULT_MAX_TOKENS;
    }

    private long promptTokens(Expr e, Scope scope) {
        if (e instanceof Expr.Text t) return ceilQuarter(t.value().length());
        if (e instanceof Expr.Template t) {
            long sum = 0;
            for (Expr p : t.parts()) sum = add(sum, promptTokens(p, scope));
            return sum;
        }
        long[] sum = {0};
        names(e, name -> sum[0] = add(sum[0], scope.producedTokens.getOrDefault(name, VALUE_TOKENS)));
        return sum[0];
    }

    private static void names(Expr e, Consumer<String> out) {
        if (e instanceof Expr.Name n) {
            out.accept(n.name());
        } else if (e instanceof Expr.Field f) {
            names(f.target(), out);
        } else if (e instanceof Expr.Index i) {
            names(i.target(), out);
        } else if (e instanceof Expr.Binary b) {
            names(b.left(), out);
            names(b.right(), out);
        } else if (e instanceof Expr.Unary u) {
            names(u.operand(), out);
        } else if (e instanceof Expr.Template t) {
            t.parts().forEach(p -> names(p, out));
        } else if (e instanceof Expr.ListOf l) {
            l.items().forEach(i -> names(i, out));
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> names(a, out));
        }
    }

    // ---- critical path ------------------------------------------------------------------------------------

    /** The calls along the slowest chain, found top-down from the bounds: linear, with no paths copied. */
    private List<String> criticalPath(WorkflowPlan w) {
        Scope scope = scope(w);
        List<String> path = new ArrayList<>();
        for (String id : w.body()) walk(id, scope, path);
        return List.copyOf(path);
    }

    private void walk(String id, Scope scope, List<String> path) {
        Node n = scope.nodes.get(id);
        Bounds b = scope.bounds.get(id);
        if (b == null || b.latency == 0 && b.max == 0) return;
        switch (n) {
            case Node.Call c -> path.add(id);
            case Node.Assign a -> path.add(id);
            case Node.Eval e -> path.add(id);
            case Node.Print p -> path.add(id);
            case Node.Return r -> path.add(id);
            case Node.Fail f -> path.add(id);
            case Node.Break br -> {}
            case Node.Expect x -> path.add(id);
            case Node.Sequence s -> s.body().forEach(c -> walk(c, scope, path));
            case Node.Phase p -> p.body().forEach(c -> walk(c, scope, path));
            case Node.Timeout t -> t.body().forEach(c -> walk(c, scope, path));
            case Node.Retry r -> r.body().forEach(c -> walk(c, scope, path));
            case Node.Loop l -> l.body().forEach(c -> walk(c, scope, path));
            case Node.For f -> f.body().forEach(c -> walk(c, scope, path));
            case Node.Try t -> t.body().forEach(c -> walk(c, scope, path));
            case Node.Parallel p -> walk(slowest(p.body(), scope, false), scope, path);
            case Node.Race r -> walk(slowest(r.body(), scope, true), scope, path);
            case Node.If i -> {
                List<String> best = List.of();
                long[] worst = {-1, -1};
                List<List<String>> branches = new ArrayList<>();
                i.branches().forEach(br -> branches.add(br.body()));
                if (i.otherwise() != null) branches.add(i.otherwise());
                for (List<String> br : branches) {
                    long[] t = {0, 0};
                    for (String c : br) {
                        t[0] = add(t[0], scope.bounds.get(c).latency);
                        t[1] = add(t[1], scope.bounds.get(c).max);
                    }
                    if (later(t, worst)) {
                        worst = t;
                        best = br;
                    }
                }
                best.forEach(c -> walk(c, scope, path));
            }
            case Node.Dag d -> {
                DagTimes times = finishTimes(d, scope);
                List<String> body = d.body();
                int last = -1;
                for (int i = 0; i < body.size(); i++) if (last < 0 || later(times.at(i), times.at(last))) last = i;
                List<String> chain = new ArrayList<>();
                while (last >= 0) {
                    chain.add(body.get(last));
                    int[] ins = times.inputs()[last];
                    int prev = -1;
                    long[] prevFinish = null;
                    for (int k = 0; k < ins.length; k++) {
                        long[] f = times.at(ins[k]);
                        if (prevFinish == null || later(f, prevFinish)) {
                            prevFinish = f;
                            prev = k;
                        }
                    }
                    if (prev < 0) break;
                    // An input outside the dag (only in a hand-edited plan) ends the chain.
                    if (ins[prev] < 0) {
                        chain.add(d.inputs().get(body.get(last)).get(prev));
                        break;
                    }
                    last = ins[prev];
                }
                for (int k = chain.size() - 1; k >= 0; k--) walk(chain.get(k), scope, path);
            }
        }
    }

    private static String slowest(List<String> ids, Scope scope, boolean fastestInstead) {
        String pick = null;
        for (String id : ids) {
            if (pick == null) {
                pick = id;
                continue;
            }
            Bounds b = scope.bounds.get(id);
            Bounds p = scope.bounds.get(pick);
            long[] mine = {b.latency, b.max};
            long[] theirs = {p.latency, p.max};
            if (fastestInstead ? later(theirs, mine) : later(mine, theirs)) pick = id;
        }
        return pick;
    }

    // ---- arithmetic ---------------------------------------------------------------------------------------

    private static long count(Expr e, long otherwise) {
        Long n = Constants.whole(e);
        return n == null || n < 0 ? otherwise : n;
    }

    private static long ceilQuarter(long chars) {
        return (chars + 3) / 4;
    }

    /** Saturating: a worst case past 2^63 is reported as the largest long, not as a negative number. */
    private static long add(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static long mul(long a, long n) {
        long hi = Math.multiplyHigh(a, n);
        long lo = a * n;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}

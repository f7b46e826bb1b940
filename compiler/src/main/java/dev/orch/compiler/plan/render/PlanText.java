package dev.orch.compiler.plan.render;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.plan.AgentSpec;
import dev.orch.compiler.plan.BreakerSpec;
import dev.orch.compiler.plan.BudgetSpec;
import dev.orch.compiler.plan.Estimate;
import dev.orch.compiler.plan.Estimator;
import dev.orch.compiler.plan.MockSpec;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * `orch plan --format text`: the plan as a reviewer reads it. Each statement on its own line under its `line:col`,
 * nested as in the script, with what it waits for; then each dag's waves, parallel groups and retry bounds in the
 * words of the script; and at the end the estimate, the critical path and the assumptions behind them.
 */
public final class PlanText {
    private static final int EXPR_WIDTH = 72;

    private final StringBuilder out = new StringBuilder();
    private final Plan plan;

    private PlanText(Plan plan) {
        this.plan = plan;
    }

    public static String render(Plan plan) {
        return new PlanText(plan).all();
    }

    private String all() {
        out.append("plan for ").append(plan.source().path()).append('\n');
        out.append("each statement shows its line:col, what it does, and after `<-` the statements it waits for\n");
        declarations();
        for (WorkflowPlan w : plan.workflows()) workflow(w);
        out.append('\n');
        out.append("estimate for the run (workflow main): ").append(estimate(plan.estimate())).append('\n');
        if (Estimator.generatesCode(plan)) {
            out.append("not counted: the calls of the code that run() compiles, known only when the run makes it\n");
        }
        if (Estimator.toolsCallAgents(plan)) {
            out.append("assumed: a model calls each declared tool at most once a turn (the agent calls inside a tool count"
                    + " once for every turn but the last)\n");
        }
        out.append("critical path: ").append(path(plan.workflow("main"), plan.criticalPath())).append('\n');
        out.append("assumed where the script does not say: ").append(Estimator.DEFAULT_MAX_TOKENS)
                .append(" max_tokens for an agent without it; ").append(Estimator.VALUE_TOKENS)
                .append(" tokens for an interpolated value no agent produced; 4 characters a token; ")
                .append(ExprText.duration(Estimator.REAL_CALL_MS)).append(" a call to a real provider (mock models use their latency); ")
                .append(Estimator.LOOP_MAX).append(" iterations for a loop without max and ").append(Estimator.FOR_ITEMS)
                .append(" for a `for` over a list known only at run time; the worst case uses every retry attempt")
                .append('\n');
        return out.toString();
    }

    // ---- declarations -------------------------------------------------------------------------------------

    private void declarations() {
        if (!plan.models().isEmpty()) {
            out.append("\nmodels\n");
            for (ModelSpec m : plan.models()) out.append("  ").append(m.name()).append(": ").append(model(m)).append('\n');
        }
        if (!plan.agents().isEmpty()) {
            out.append("\nagents\n");
            for (AgentSpec a : plan.agents()) out.append("  ").append(a.name()).append(": ").append(agent(a)).append('\n');
        }
        if (!plan.breakers().isEmpty()) {
            out.append("\nbreakers\n");
            for (BreakerSpec b : plan.breakers()) {
                out.append("  ").append(b.name()).append(": opens after ").append(b.failures()).append(" failures in ")
                        .append(ExprText.duration(b.windowMs())).append(", for ").append(ExprText.duration(b.cooldownMs()))
                        .append('\n');
            }
        }
        BudgetSpec budget = plan.budget();
        if (budget != null) {
            StringJoiner j = new StringJoiner(", ");
            if (budget.tokens() != null) j.add(budget.tokens() + " tokens");
            if (budget.cost() != null) j.add("$" + Estimator.money(budget.cost()));
            out.append("\nbudget: ").append(j).append('\n');
        }
    }

    private static String model(ModelSpec m) {
        StringJoiner j = new StringJoiner(", ");
        j.add(m.provider() + (m.model() == null ? "" : " \"" + m.model() + "\""));
        if (m.baseUrl() != null) j.add("at " + m.baseUrl());
        if (m.apiKeyEnv() != null) j.add("key from $" + m.apiKeyEnv());
        if (m.maxConcurrency() != null) j.add("max_concurrency " + m.maxConcurrency());
        if (m.rpm() != null) j.add("rpm " + m.rpm());
        if (m.tpm() != null) j.add("tpm " + m.tpm());
        if (m.temperature() != null) j.add("temperature " + ExprText.number(m.temperature()));
        if (m.priceIn() != null) j.add("$" + ExprText.number(m.priceIn()) + " per million tokens in");
        if (m.priceOut() != null) j.add("$" + ExprText.number(m.priceOut()) + " per million tokens out");
        if (m.priceCacheWrite() != null) j.add("$" + ExprText.number(m.priceCacheWrite()) + " per million cache writes");
        if (m.priceCacheRead() != null) j.add("$" + ExprText.number(m.priceCacheRead()) + " per million cache reads");
        MockSpec mock = m.mock();
        if (mock != null) {
            j.add("latency " + ExprText.duration(mock.latencyMs() == null ? 0 : mock.latencyMs()));
            if (!mock.rules().isEmpty()) j.add(mock.rules().size() + " rule" + (mock.rules().size() == 1 ? "" : "s"));
            if (mock.failFirst() != null) j.add("fails the first " + mock.failFirst() + " attempts of each prompt");
            if (mock.fail() != null) j.add("fails prompts matching \"" + mock.fail() + "\"");
            if (mock.failRate() != null) j.add("fails " + ExprText.number(mock.failRate() * 100) + "% of calls"
                    + (mock.seed() == null ? "" : " (seed " + mock.seed() + ")"));
        }
        return j.toString();
    }

    private static String agent(AgentSpec a) {
        StringJoiner j = new StringJoiner(", ");
        if (a.extendsAgent() != null) j.add("extends " + a.extendsAgent());
        j.add("model " + (a.model() == null ? "(none)" : a.model()));
        j.add("max_tokens " + (a.maxTokens() == null ? Estimator.DEFAULT_MAX_TOKENS + " (default)" : a.maxTokens()));
        if (a.format() != null) j.add("format " + a.format());
        if (a.output() != null) j.add("output " + a.output().show());
        if (a.temperature() != null) j.add("temperature " + ExprText.number(a.temperature()));
        if (a.timeoutMs() != null) j.add("timeout " + ExprText.duration(a.timeoutMs()));
        if (a.breaker() != null) j.add("breaker " + a.breaker());
        if (!a.tools().isEmpty()) j.add("tools " + String.join(" ", a.tools()) + ", max_turns " + a.turnLimit()
                + (a.maxTurns() == null ? " (default)" : ""));
        return j.toString();
    }

    // ---- workflows ----------------------------------------------------------------------------------------

    private Map<String, Node> nodes;
    private int idWidth;

    private void workflow(WorkflowPlan w) {
        nodes = new HashMap<>();
        idWidth = 0;
        for (Node n : w.nodes()) {
            nodes.put(n.id(), n);
            idWidth = Math.max(idWidth, n.id().length());
        }
        StringJoiner params = new StringJoiner(", ", "(", ")");
        for (WorkflowPlan.Param p : w.params()) {
            params.add(p.name() + (p.type() == null ? "" : ": " + p.type())
                    + (p.defaultValue() == null ? "" : " = " + ExprText.of(p.defaultValue())));
        }
        out.append(w.tool() != null ? "\ntool " : "\nworkflow ").append(w.name()).append(params);
        if (w.returns() != null) out.append(" -> ").append(w.returns());
        if (w.tool() != null) out.append(" \"").append(w.tool().description()).append('"');
        out.append('\n');
        for (String id : w.body()) node(id, 1);
        if (w.name().equals("main")) return;
        out.append("  estimate per call of ").append(w.name()).append(": ").append(estimate(w.estimate())).append('\n');
        if (!w.criticalPath().isEmpty()) out.append("  critical path: ").append(path(w, w.criticalPath())).append('\n');
    }

    private void line(String id, int depth, String text, List<String> deps) {
        out.append("  ").append(pad(id == null ? "" : id, idWidth)).append("  ").append("  ".repeat(depth - 1)).append(text);
        if (deps != null && !deps.isEmpty()) out.append("   <- ").append(String.join(", ", deps));
        out.append('\n');
    }

    private void children(List<String> ids, int depth) {
        for (String id : ids) node(id, depth);
    }

    private void node(String id, int depth) {
        Node n = nodes.get(id);
        switch (n) {
            case Node.Call c -> line(id, depth, (c.target() == null ? "" : (c.declaresVar() ? "var " : "") + c.target() + " = ")
                    + ExprText.brief(c.value(), EXPR_WIDTH) + "   [" + c.agent() + " on " + (c.model() == null ? "no model" : c.model()) + "]",
                    c.deps());
            case Node.Assign a -> line(id, depth, (a.declaresVar() ? "var " : "") + a.target() + " = "
                    + ExprText.brief(a.value(), EXPR_WIDTH) + calls(a.calls()), a.deps());
            case Node.Eval e -> line(id, depth, ExprText.brief(e.value(), EXPR_WIDTH) + calls(e.calls()), e.deps());
            case Node.Print p -> line(id, depth, "print " + ExprText.brief(p.value(), EXPR_WIDTH), p.deps());
            case Node.Return r -> line(id, depth, r.value() == null ? "return" : "return " + ExprText.brief(r.value(), EXPR_WIDTH), r.deps());
            case Node.Fail f -> line(id, depth, "fail " + ExprText.brief(f.message(), EXPR_WIDTH), f.deps());
            case Node.Break b -> line(id, depth, "break", b.deps());
            case Node.Expect x -> line(id, depth, "expect " + ExprText.brief(x.condition(), EXPR_WIDTH), x.deps());
            case Node.Sequence s -> {
                line(id, depth, "sequence", s.deps());
                children(s.body(), depth + 1);
            }
            case Node.Phase p -> {
                line(id, depth, "phase \"" + p.name() + "\"", p.deps());
                children(p.body(), depth + 1);
            }
            case Node.Timeout t -> {
                line(id, depth, "timeout " + ExprText.of(t.duration()) + ": fails with timeout past it", t.deps());
                children(t.body(), depth + 1);
            }
            case Node.Parallel p -> {
                String width = p.max() == null ? "all at once" : "at most " + ExprText.of(p.max()) + " at a time";
                line(id, depth, "parallel" + (p.settle() ? " settle" : "") + ": " + p.body().size() + " branches, " + width
                        + (p.settle() ? ", waits for all and reports every error" : ", one failing cancels the others"), p.deps());
                children(p.body(), depth + 1);
            }
            case Node.Race r -> {
                line(id, depth, "race: " + r.body().size() + " branches, the first to succeed wins", r.deps());
                children(r.body(), depth + 1);
            }
            case Node.Dag d -> {
                line(id, depth, "dag" + (d.max() == null ? "" : " max " + ExprText.of(d.max())) + ": " + d.body().size()
                        + " statements in " + d.waves().size() + " wave" + (d.waves().size() == 1 ? "" : "s"), d.deps());
                for (int i = 0; i < d.waves().size(); i++) {
                    line(null, depth + 1, "wave " + (i + 1) + ": " + String.join(", ", d.waves().get(i)), null);
                }
                children(d.body(), depth + 1);
            }
            case Node.Retry r -> {
                StringBuilder t = new StringBuilder("retry: up to " + ExprText.of(r.attempts()) + " attempts");
                if (r.backoff() != null) {
                    t.append(", backoff ").append(ExprText.of(r.backoff())).append(" doubling");
                    if (r.maxBackoff() != null) t.append(" up to ").append(ExprText.of(r.maxBackoff()));
                }
                if (r.jitter()) t.append(", jitter");
                t.append(r.on().isEmpty() ? ", on every retryable error" : ", on " + String.join(", ", r.on()));
                line(id, depth, t.toString(), r.deps());
                children(r.body(), depth + 1);
            }
            case Node.If i -> {
                for (int k = 0; k < i.branches().size(); k++) {
                    Node.Branch b = i.branches().get(k);
                    line(k == 0 ? id : null, depth, (k == 0 ? "if " : "else if ") + ExprText.brief(b.condition(), EXPR_WIDTH),
                            k == 0 ? i.deps() : null);
                    children(b.body(), depth + 1);
                }
                if (i.otherwise() != null) {
                    line(null, depth, "else", null);
                    children(i.otherwise(), depth + 1);
                }
            }
            case Node.For f -> {
                String head = (f.into() == null ? "" : (f.intoVar() ? "var " : "") + f.into() + " = ")
                        + "for " + f.variable() + " in " + ExprText.brief(f.items(), EXPR_WIDTH)
                        + (f.where() == null ? "" : " where " + ExprText.brief(f.where(), EXPR_WIDTH))
                        + (f.parallel() ? " parallel" + (f.max() == null ? "" : " max " + ExprText.of(f.max())) : "");
                line(id, depth, head, f.deps());
                children(f.body(), depth + 1);
            }
            case Node.Loop l -> {
                line(id, depth, "loop max " + (l.max() == null ? Estimator.LOOP_MAX + " (default)" : ExprText.of(l.max()))
                        + (l.until() == null ? "" : " until " + ExprText.brief(l.until(), EXPR_WIDTH)), l.deps());
                children(l.body(), depth + 1);
            }
            case Node.Try t -> {
                line(id, depth, "try", t.deps());
                children(t.body(), depth + 1);
                for (Node.Catch c : t.catches()) {
                    line(null, depth, "catch" + (c.kinds().isEmpty() ? "" : " " + String.join(", ", c.kinds()))
                            + (c.as() == null ? "" : " as " + c.as()), null);
                    children(c.body(), depth + 1);
                }
                for (List<String> f : t.fallbacks()) {
                    line(null, depth, "fallback", null);
                    children(f, depth + 1);
                }
            }
        }
    }

    private static String calls(List<Node.CallSite> calls) {
        if (calls.isEmpty()) return "";
        List<String> parts = new ArrayList<>();
        for (Node.CallSite c : calls) {
            parts.add(c.workflow() != null ? "workflow " + c.workflow() : c.agent() + " on " + (c.model() == null ? "no model" : c.model()));
        }
        return "   [" + String.join("; ", parts) + "]";
    }

    // ---- estimate -----------------------------------------------------------------------------------------

    private String estimate(Estimate e) {
        String calls = e.callsMin() == e.callsMax() ? plural(e.callsMax(), "call")
                : e.callsMin() + " to " + e.callsMax() + " calls";
        boolean priced = plan.models().stream().anyMatch(m -> m.priceIn() != null || m.priceOut() != null);
        return calls + ", at most " + e.tokensMax() + " tokens and $" + Estimator.money(e.costMax())
                + (priced ? "" : " (no model declares price_in or price_out)")
                + ", about " + ExprText.duration(e.latencyMs()) + " along the critical path";
    }

    private String path(WorkflowPlan w, List<String> ids) {
        if (w == null || ids.isEmpty()) return "(no calls)";
        Map<String, Node> byId = new HashMap<>();
        for (Node n : w.nodes()) byId.put(n.id(), n);
        StringJoiner j = new StringJoiner(" -> ");
        for (String id : ids) {
            Node n = byId.get(id);
            String name = switch (n) {
                case Node.Call c -> c.target() != null ? c.target() : c.agent();
                case Node.Assign a -> a.target();
                default -> null;
            };
            j.add(name == null ? id : id + " " + name);
        }
        return j.toString();
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}

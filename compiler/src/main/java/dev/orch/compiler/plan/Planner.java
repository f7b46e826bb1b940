package dev.orch.compiler.plan;

import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Stmt;
import dev.orch.compiler.check.Declarations;
import dev.orch.compiler.check.DeclaredTypes;
import dev.orch.compiler.check.DependencyAnalyzer;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.format.AstPrinter;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.DataType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Lowers checked programs to a {@link Plan}: declarations folded to specs (`extends` applied, a child's keys over
 * its parent's), each workflow a flat pre-order list of nodes whose ids are the statements' `line:col`, blocks
 * listing their children's ids. The estimate is left at zero here; {@link Estimator} fills it in.
 */
public final class Planner {
    private final DependencyAnalyzer.Result dependencies;
    private final Map<String, AgentSpec> agents = new LinkedHashMap<>();
    private final Map<String, Decl.Workflow> workflowNames = new HashMap<>();

    private final DeclaredTypes types;

    private Planner(DependencyAnalyzer.Result dependencies, DeclaredTypes types) {
        this.dependencies = dependencies;
        this.types = types;
    }

    /** {@code programs}: the script first, then its imports. */
    public static Plan plan(SourceFile source, List<Program> programs, DependencyAnalyzer.Result dependencies) {
        // The checker reported every problem with these declarations already; here they only resolve types.
        DeclaredTypes types = Declarations.collect(programs, new Diagnostics()).types();
        return new Planner(dependencies, types).lower(source, programs);
    }

    private Plan lower(SourceFile source, List<Program> programs) {
        List<ModelSpec> models = new ArrayList<>();
        List<BreakerSpec> breakers = new ArrayList<>();
        List<McpSpec> mcpServers = new ArrayList<>();
        BudgetSpec budget = null;
        Map<String, Decl.Agent> agentDecls = new LinkedHashMap<>();
        List<Decl.Workflow> workflowDecls = new ArrayList<>();
        for (Program p : programs) {
            for (Decl d : p.declarations()) {
                switch (d) {
                    case Decl.Model m -> models.add(model(m));
                    case Decl.Agent a -> agentDecls.putIfAbsent(a.name(), a);
                    case Decl.Breaker b -> breakers.add(breaker(b));
                    case Decl.Mcp m -> mcpServers.add(mcp(m));
                    case Decl.Budget b -> {
                        if (budget == null) budget = budget(b);
                    }
                    case Decl.Workflow w -> {
                        workflowDecls.add(w);
                        workflowNames.put(w.name(), w);
                    }
                    case Decl.Import i -> {}
                    case Decl.Type t -> {}
                }
            }
        }
        for (Decl.Agent a : agentDecls.values()) agent(a, agentDecls, 0);
        List<WorkflowPlan> workflows = new ArrayList<>();
        for (Decl.Workflow w : workflowDecls) workflows.add(workflow(w));
        return new Plan(Plan.VERSION, new Plan.Source(source.path(), source.sha256()), List.copyOf(models),
                List.copyOf(agents.values()), List.copyOf(breakers), budget, List.copyOf(workflows), Estimate.ZERO,
                List.of(), mcpServers, types.all());
    }

    // ---- declarations -------------------------------------------------------------------------------------

    private static ModelSpec model(Decl.Model m) {
        Map<String, Expr> o = options(m.options());
        String modelId = m.args().isEmpty() ? null : Constants.text(m.args().get(0));
        MockSpec mock = null;
        if (m.provider().equals("mock")) {
            List<MockSpec.Rule> rules = new ArrayList<>();
            if (o.get("rules") instanceof Expr.MapOf map) {
                for (Entry e : map.entries()) rules.add(rule(e));
            }
            mock = new MockSpec(List.copyOf(rules), Constants.millis(o.get("latency")), Constants.integer(o.get("fail_first")),
                    Constants.text(o.get("fail")), Constants.number(o.get("fail_rate")), Constants.whole(o.get("seed")));
        }
        String keyEnv = o.containsKey("api_key_env") ? Constants.text(o.get("api_key_env")) : dev.orch.compiler.check.ModelGrants.defaultKeyVariable(m.provider());
        return new ModelSpec(m.name(), m.provider(), modelId, Constants.text(o.get("base_url")), keyEnv,
                Constants.integer(o.get("max_concurrency")), Constants.integer(o.get("rpm")), Constants.integer(o.get("tpm")),
                Constants.number(o.get("temperature")), Constants.number(o.get("price_in")),
                Constants.number(o.get("price_out")), Constants.number(o.get("price_cache_write")),
                Constants.number(o.get("price_cache_read")), Constants.integer(o.get("max_reply_mb")),
                Constants.millis(o.get("timeout")), Constants.millis(o.get("idle_timeout")), mock, m.span());
    }

    /** `"REGEX": "reply"`, or `"REGEX": [turn, ...]` where a turn is a call map, a list of them, or the final text. */
    private static MockSpec.Rule rule(Entry e) {
        if (!(e.value() instanceof Expr.ListOf turns)) return new MockSpec.Rule(e.key(), Constants.text(e.value()));
        List<MockSpec.Turn> out = new ArrayList<>();
        for (Expr t : turns.items()) {
            switch (t) {
                case Expr.MapOf call -> out.add(new MockSpec.Turn(List.of(call(call)), null));
                case Expr.ListOf calls -> out.add(new MockSpec.Turn(calls.items().stream()
                        .filter(c -> c instanceof Expr.MapOf).map(c -> call((Expr.MapOf) c)).toList(), null));
                default -> out.add(new MockSpec.Turn(List.of(), Constants.text(t)));
            }
        }
        return new MockSpec.Rule(e.key(), null, out);
    }

    private static MockSpec.Call call(Expr.MapOf call) {
        Map<String, Expr> keys = entries(call.entries());
        Expr args = keys.get("args");
        return new MockSpec.Call(Constants.text(keys.get("call")), args == null ? Constants.json(new Expr.MapOf(call.span(), List.of())) : Constants.json(args));
    }

    private static Map<String, Expr> options(List<Expr.Option> options) {
        Map<String, Expr> out = new HashMap<>();
        for (Expr.Option o : options) out.putIfAbsent(o.name(), o.value());
        return out;
    }

    private static Map<String, Expr> entries(List<Entry> entries) {
        Map<String, Expr> out = new HashMap<>();
        for (Entry e : entries) out.putIfAbsent(e.key(), e.value());
        return out;
    }

    /** Resolves an agent after its parent; {@code depth} stops a cycle of `extends`, which the checker reports. */
    private AgentSpec agent(Decl.Agent a, Map<String, Decl.Agent> decls, int depth) {
        AgentSpec done = agents.get(a.name());
        if (done != null) return done;
        AgentSpec parent = null;
        if (a.parent() != null && decls.containsKey(a.parent()) && depth < decls.size()) {
            parent = agent(decls.get(a.parent()), decls, depth + 1);
        }
        Map<String, Expr> e = entries(a.entries());
        AgentSpec spec = new AgentSpec(a.name(), a.parent(),
                e.containsKey("model") ? Constants.text(e.get("model")) : parent == null ? null : parent.model(),
                e.containsKey("system") ? Constants.text(e.get("system")) : parent == null ? null : parent.system(),
                e.containsKey("temperature") ? Constants.number(e.get("temperature")) : parent == null ? null : parent.temperature(),
                e.containsKey("max_tokens") ? Constants.integer(e.get("max_tokens")) : parent == null ? null : parent.maxTokens(),
                e.containsKey("format") ? Constants.text(e.get("format")) : parent == null ? null : parent.format(),
                e.containsKey("timeout") ? Constants.millis(e.get("timeout")) : parent == null ? null : parent.timeoutMs(),
                e.containsKey("breaker") ? Constants.text(e.get("breaker")) : parent == null ? null : parent.breaker(),
                a.span(),
                e.containsKey("tools") ? ToolNames.of(e.get("tools")) : parent == null ? null : parent.tools(),
                e.containsKey("max_turns") ? Constants.integer(e.get("max_turns")) : parent == null ? null : parent.maxTurns(),
                e.containsKey("tools") ? ToolNames.spans(e.get("tools")) : parent == null ? null : parent.toolSpans(),
                a.output() != null ? types.resolve(a.output()) : parent == null ? null : parent.output());
        agents.put(a.name(), spec);
        return spec;
    }

    private static BreakerSpec breaker(Decl.Breaker b) {
        Map<String, Expr> e = entries(b.entries());
        Integer failures = Constants.integer(e.get("failures"));
        Long window = Constants.millis(e.get("window"));
        Long cooldown = Constants.millis(e.get("cooldown"));
        return new BreakerSpec(b.name(), failures == null ? 0 : failures, window == null ? 0 : window,
                cooldown == null ? 0 : cooldown, b.span());
    }

    private static McpSpec mcp(Decl.Mcp m) {
        Map<String, Expr> e = entries(m.entries());
        return new McpSpec(m.name(), Constants.text(e.get("command")), Constants.texts(e.get("args")),
                Constants.textMap(e.get("env")), Constants.text(e.get("cwd")), Constants.text(e.get("url")),
                Constants.textMap(e.get("headers")), m.span());
    }

    private static BudgetSpec budget(Decl.Budget b) {
        Map<String, Expr> e = entries(b.entries());
        return new BudgetSpec(Constants.whole(e.get("tokens")), Constants.number(e.get("cost")), b.span());
    }

    // ---- workflows ----------------------------------------------------------------------------------------

    private WorkflowPlan workflow(Decl.Workflow w) {
        List<WorkflowPlan.Param> params = w.params().stream()
                .map(p -> new WorkflowPlan.Param(p.name(), p.type() == null ? null : AstPrinter.print(p.type()), p.defaultValue()))
                .toList();
        List<Node> nodes = new ArrayList<>();
        List<String> body = block(w.body(), nodes);
        return new WorkflowPlan(w.name(), params, returns(w), body, List.copyOf(nodes), callees(w), Estimate.ZERO, List.of(),
                w.span(), tool(w));
    }

    private static String returns(Decl.Workflow w) {
        return w.returns() == null ? null : AstPrinter.print(w.returns());
    }

    /** What each call in the workflow resolved to, by the place where the call starts. */
    private Map<String, Callee> callees(Decl.Workflow w) {
        Map<String, Callee> out = new LinkedHashMap<>();
        Consumer<Expr.Call> resolve = c -> {
            Callee callee = callee(c);
            if (callee != null) out.put(c.span().position(), callee);
        };
        for (Decl.Param p : w.params()) if (p.defaultValue() != null) AstWalk.calls(p.defaultValue(), resolve);
        AstWalk.calls(w.body(), resolve);
        return out;
    }

    /** The checker has made sure every callee is one of these; a name that is none has no entry. */
    private Callee callee(Expr.Call c) {
        AgentSpec agent = agents.get(c.callee());
        if (agent != null) return new Callee.Agent(agent.name(), modelOf(c), agent.output() == null ? null : agent.output().show());
        Decl.Workflow workflow = workflowNames.get(c.callee());
        if (workflow != null) return new Callee.Workflow(workflow.name(), returns(workflow));
        Builtin builtin = Builtin.find(c.callee());
        return builtin == null ? null : new Callee.Builtin(builtin.callName, builtin.result.keyword());
    }

    /** What a model is told about a tool: its description and its parameters' types (an untyped one takes anything). */
    private WorkflowPlan.Tool tool(Decl.Workflow w) {
        if (!w.isTool()) return null;
        List<WorkflowPlan.ToolParam> params = w.params().stream().map(p -> new WorkflowPlan.ToolParam(p.name(), p.description(),
                p.type() == null ? DataType.ANY : types.resolve(p.type()), p.defaultValue() == null)).toList();
        return new WorkflowPlan.Tool(w.tool().description() == null ? "" : w.tool().description(), params,
                w.returns() == null ? null : types.resolve(w.returns()));
    }

    private List<String> block(Block b, List<Node> nodes) {
        List<String> ids = new ArrayList<>(b.statements().size());
        for (Stmt s : b.statements()) ids.add(node(s, nodes));
        return List.copyOf(ids);
    }

    /** Adds the statement's node, then its children's, so the list is in pre-order, which is source order. */
    private String node(Stmt s, List<Node> nodes) {
        String id = DependencyAnalyzer.id(s);
        List<String> deps = dependencies.depsOf(s);
        int at = nodes.size();
        nodes.add(null);
        Node n = switch (s) {
            case Stmt.Assign a -> a.value() instanceof Expr.Call c && agents.containsKey(c.callee())
                    ? new Node.Call(id, s.span(), deps, a.name(), a.declaresVar(), c.callee(), modelOf(c), c)
                    : new Node.Assign(id, s.span(), deps, a.name(), a.declaresVar(), a.value(), callSites(a.value()));
            case Stmt.Eval e -> e.value() instanceof Expr.Call c && agents.containsKey(c.callee())
                    ? new Node.Call(id, s.span(), deps, null, false, c.callee(), modelOf(c), c)
                    : new Node.Eval(id, s.span(), deps, e.value(), callSites(e.value()));
            case Stmt.Sequence q -> new Node.Sequence(id, s.span(), deps, block(q.body(), nodes));
            case Stmt.Parallel p -> new Node.Parallel(id, s.span(), deps, p.max(), p.settle(), block(p.body(), nodes));
            case Stmt.Dag d -> {
                List<String> kids = block(d.body(), nodes);
                DependencyAnalyzer.Schedule schedule = dependencies.schedules().get(d);
                yield new Node.Dag(id, s.span(), deps, d.max(), kids,
                        schedule == null ? List.of() : schedule.waveNames(),
                        schedule == null ? Map.of() : schedule.inputs());
            }
            case Stmt.Race r -> new Node.Race(id, s.span(), deps, block(r.body(), nodes));
            case Stmt.Retry r -> new Node.Retry(id, s.span(), deps, r.attempts(), r.backoff(), r.maxBackoff(), r.jitter(),
                    r.on().stream().map(Stmt.KindRef::name).toList(), block(r.body(), nodes));
            case Stmt.Timeout t -> new Node.Timeout(id, s.span(), deps, t.duration(), block(t.body(), nodes));
            case Stmt.If i -> {
                List<Node.Branch> branches = new ArrayList<>();
                for (Stmt.Branch b : i.branches()) branches.add(new Node.Branch(b.condition(), block(b.body(), nodes)));
                List<String> otherwise = i.otherwise() == null ? null : block(i.otherwise(), nodes);
                yield new Node.If(id, s.span(), deps, List.copyOf(branches), otherwise);
            }
            case Stmt.For f -> new Node.For(id, s.span(), deps, f.variable(), f.items(), f.where(), f.parallel(), f.max(),
                    block(f.body(), nodes), f.into(), f.intoVar());
            case Stmt.Loop l -> new Node.Loop(id, s.span(), deps, l.max(), l.until(), block(l.body(), nodes));
            case Stmt.Try t -> {
                List<String> body = block(t.body(), nodes);
                List<Node.Catch> catches = new ArrayList<>();
                for (Stmt.Catch c : t.catches()) {
                    catches.add(new Node.Catch(c.kinds().stream().map(Stmt.KindRef::name).toList(), c.as(),
                            block(c.body(), nodes)));
                }
                List<List<String>> fallbacks = new ArrayList<>();
                for (Block f : t.fallbacks()) fallbacks.add(block(f, nodes));
                yield new Node.Try(id, s.span(), deps, body, List.copyOf(catches), List.copyOf(fallbacks));
            }
            case Stmt.Phase p -> new Node.Phase(id, s.span(), deps, p.name(), block(p.body(), nodes));
            case Stmt.Print p -> new Node.Print(id, s.span(), deps, p.value());
            case Stmt.Return r -> new Node.Return(id, s.span(), deps, r.value());
            case Stmt.Fail f -> new Node.Fail(id, s.span(), deps, f.message());
            case Stmt.Break b -> new Node.Break(id, s.span(), deps);
            case Stmt.Expect x -> new Node.Expect(id, s.span(), deps, x.condition(), x.message());
        };
        nodes.set(at, n);
        return id;
    }

    /** The model a call uses: its own `model:` option when it names one, else its agent's. */
    private String modelOf(Expr.Call c) {
        if (c.option("model") instanceof Expr.Name n) return n.name();
        AgentSpec a = agents.get(c.callee());
        return a == null ? null : a.model();
    }

    private List<Node.CallSite> callSites(Expr e) {
        List<Node.CallSite> out = new ArrayList<>();
        AstWalk.calls(e, c -> {
            if (agents.containsKey(c.callee())) out.add(new Node.CallSite(c.callee(), modelOf(c), null));
            else if (workflowNames.containsKey(c.callee())) out.add(new Node.CallSite(null, null, c.callee()));
        });
        return List.copyOf(out);
    }
}

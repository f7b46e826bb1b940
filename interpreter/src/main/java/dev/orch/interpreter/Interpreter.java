package dev.orch.interpreter;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.DataType;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.Callee;
import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.interpreter.events.RunListener;
import dev.orch.interpreter.store.Question;
import dev.orch.stdlib.builtins.BuiltinException;
import dev.orch.stdlib.builtins.BuiltinFunction;
import dev.orch.stdlib.builtins.Builtins;
import dev.orch.stdlib.builtins.Grants;
import dev.orch.stdlib.builtins.ScriptFolder;
import dev.orch.stdlib.value.Conformance;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a {@link Plan}: what `orch compile` wrote is exactly what runs. Each statement kind is one case of
 * {@link #exec}; branches of `parallel`, `dag`, `race` and parallel `for` run as the {@link Engine}'s branches in a
 * {@link TaskGroup}, so a failure or a timeout cancels what runs under it and nothing outlives its block. Time,
 * randomness, model turns and the builtins that touch the world come from the engine too.
 */
public final class Interpreter {
    private final Plan plan;
    private final RunOptions options;
    private final Events events;
    private final AgentCalls agents;
    private final Spending spending;
    private final Summaries summaries;
    private final Effects effects;
    private final Asks asks;
    private final Evaluator evaluator;
    private final Expectation expectation;
    private final Engine engine;
    private final ScriptFolder folder;
    private final Grants grants;
    private final McpServers mcp;
    private final ToolBox toolBox;
    // Keyed by name: a WorkflowPlan record's own hashCode would walk every node on each lookup.
    private final Map<String, WorkflowIndex> indexes = new ConcurrentHashMap<>();
    /** How many of each agent's calls reached its model, for `calls(agent)` in tests; shared with run()'s plans. */
    private final AgentCallCount agentCalls;
    private final EnvReads envReads;

    private Interpreter(Plan plan, RunOptions options, Journal journal, Engine engine) {
        this.plan = plan;
        this.options = options;
        this.agentCalls = new AgentCallCount();
        this.events = new Events(RunListener.all(List.of(journal, options.listener())), options.runId(), engine.clock(), agentCalls);
        this.engine = engine;
        this.spending = new Spending(plan.budget(), engine.monitor());
        this.folder = new ScriptFolder(options.folder(), options.allowedPaths(), options.readablePaths());
        this.grants = new Grants(options.allowed());
        this.mcp = new McpServers(engine, options.allowed());
        this.toolBox = new ToolBox(engine, folder, grants, mcp, plan, this::callTool);
        this.agents = new AgentCalls(plan, events, engine, spending, journal, toolBox);
        this.summaries = new Summaries(plan, agents);
        this.effects = new Effects(journal, events, engine);
        this.asks = new Asks(journal, options.person(), events, engine.clock());
        this.evaluator = new Evaluator(this::call, plan.types(), countsCalls(plan));
        this.expectation = new Expectation(evaluator);
        this.envReads = new EnvReads(plan, options);
    }

    /** Whether `calls(x)` is the builtin that counts (no agent or workflow of the script took the name). */
    private static boolean countsCalls(Plan plan) {
        return plan.agent(Builtin.CALLS.callName) == null && plan.workflow(Builtin.CALLS.callName) == null;
    }

    /** Runs a plan compiled by `run()` under its caller's agents' providers, budget, breakers, folder and grants. */
    private Interpreter(Plan plan, Interpreter caller) {
        this.plan = plan;
        this.options = caller.options;
        this.events = caller.events;
        this.engine = caller.engine;
        this.agents = caller.agents;
        this.spending = caller.spending;
        this.summaries = caller.summaries;
        this.effects = caller.effects;
        this.asks = caller.asks;
        this.folder = caller.folder;
        this.grants = caller.grants;
        this.mcp = caller.mcp;
        this.toolBox = caller.toolBox;
        this.agentCalls = caller.agentCalls;
        this.evaluator = new Evaluator(this::call, plan.types(), countsCalls(plan));
        this.expectation = new Expectation(evaluator);
        this.envReads = caller.envReads;
    }

    /** Runs `main` (or the named workflow) with the given arguments; never throws for a failing script. */
    public static RunResult run(Plan plan, String workflow, Map<String, Value> args, RunOptions options) {
        return run(plan, workflow, args, options, Journal.NONE);
    }

    /** As above, journaling every call in (and, on resume, replaying calls from) {@code journal}. */
    public static RunResult run(Plan plan, String workflow, Map<String, Value> args, RunOptions options, Journal journal) {
        try (Engine engine = new LocalEngine(options)) {
            return run(plan, workflow, args, options, journal, engine, false).result();
        }
    }

    /**
     * As {@link #run}, also handing back the names the workflow's scope holds when it ends and the value of its
     * last statement: the REPL runs each entry as a workflow and carries these into the next one.
     */
    public static RunEnd runKeepingNames(Plan plan, String workflow, Map<String, Value> args, RunOptions options,
                                         Journal journal) {
        try (Engine engine = new LocalEngine(options)) {
            return runKeepingNames(plan, workflow, args, options, journal, engine);
        }
    }

    /** As above, on the given engine (which the caller closes): a test's clock, or a durable engine's workflow. */
    public static RunEnd runKeepingNames(Plan plan, String workflow, Map<String, Value> args, RunOptions options,
                                         Journal journal, Engine engine) {
        return run(plan, workflow, args, options, journal, engine, true);
    }

    /** {@code keepNames}: copy the scope's names into the end (a 10,000-statement workflow's 10,000 names otherwise). */
    private static RunEnd run(Plan plan, String workflow, Map<String, Value> args, RunOptions options, Journal journal,
                              Engine engine, boolean keepNames) {
        return new Interpreter(plan, options, journal, engine).runMain(workflow, args, keepNames);
    }

    private RunEnd runMain(String name, Map<String, Value> args, boolean keepNames) {
        events.runStarted(name);
        WorkflowPlan main = plan.workflow(name);
        Value result = null;
        Value last = null;
        RunError error = null;
        boolean expectationFailed = false;
        List<Question> waiting = List.of();
        Scope scope = new Scope(null);
        try {
            if (main == null) {
                throw RunError.of(ErrorKind.FAIL, "the script has no workflow '" + name + "'", name, Span.NONE, 1);
            }
            mcp.start(plan);
            toolBox.start(plan);
            for (WorkflowPlan.Param p : main.params()) {
                Value v = args.get(p.name());
                if (v == null && p.defaultValue() != null) v = evaluator.eval(p.defaultValue(), new Ctx(main, scope, name + "/", name + "/", "", 1, null, null));
                if (v == null) {
                    throw RunError.of(ErrorKind.FAIL, "workflow " + name + " needs a value for '" + p.name() + "': give --arg "
                            + p.name() + "=VALUE", name, main.span(), 1);
                }
                scope.assign(p.name(), v, false);
            }
            Ctx c = new Ctx(main, scope, name + "/", name + "/", "", 1, null, null);
            try {
                last = execBlock(main.body(), c);
            } catch (Flow.Return r) {
                result = r.value;
            }
        } catch (RunError e) {
            error = e;
        } catch (ExpectationFailed e) {
            error = e.asError();
            expectationFailed = true;
        } catch (Waiting w) {
            waiting = w.questions();
        } catch (Flow.Break b) {
            error = RunError.of(ErrorKind.FAIL, "'break' outside a loop", name, Span.NONE, 1);
        } catch (TaskCrashed e) {
            error = crashed(e.error(), name);
        } catch (RuntimeException | Error e) {
            if (engine.owns(e)) throw e;
            error = crashed(e, name);
        }
        long ms = events.now();
        String ended = error != null ? error.kind().word() : waiting.isEmpty() ? null : RunResult.WAITING;
        events.runFinished(ms, spending.tokensIn(), spending.tokensOut(), spending.cost(), spending.calls(), ended,
                error != null ? error.getMessage() : waiting.isEmpty() ? null : "waits for an answer to " + waiting.size()
                        + (waiting.size() == 1 ? " question" : " questions"));
        RunResult run = new RunResult(events.run(), result, error, ms, spending.tokensIn(), spending.tokensOut(), spending.cost(),
                spending.calls(), waiting, expectationFailed);
        return new RunEnd(run, keepNames ? scope.names() : Map.of(), last);
    }

    /**
     * What the run ends with when something other than the script failed (the heap ran out, a bug in orch): the run
     * still finishes, so the trace has its run_finished and the store records it as failed, never as running.
     */
    private static RunError crashed(Throwable e, String task) {
        String message = switch (e) {
            case OutOfMemoryError oom -> "orch ran out of memory (" + oom.getMessage()
                    + "); give the JVM more, for example ORCH_JAVA_OPTS=-Xmx2g, or lower a model's max_reply_mb";
            case StackOverflowError deep -> "the script recursed too deeply";
            default -> "internal error: " + e + " (a bug in orch, not in your script; ORCH_DEBUG=1 prints where)";
        };
        if (System.getenv("ORCH_DEBUG") != null) e.printStackTrace();
        return RunError.of(ErrorKind.FAIL, message, task, Span.NONE, 1);
    }

    // ---- statements ----

    private Value execBlock(List<String> ids, Ctx c) {
        Value last = Value.NULL;
        for (String id : ids) last = exec(id, c);
        return last;
    }

    /** Runs one statement; its value is what `ys = for ...` collects (the value of an assignment or expression). */
    private Value exec(String id, Ctx c) {
        Node node = node(c.workflow(), id);
        if (engine.cancelled()) throw RunError.cancelled(c.task(id), node.span());
        return switch (node) {
            case Node.Call n -> {
                Ctx named = c.named(n.target());
                Value v = call(n.value(), evaluator.args(n.value(), named), evaluator.options(n.value(), named), named,
                        c.task(n.id()));
                if (n.target() != null) c.scope().assign(n.target(), v, n.declaresVar());
                yield v;
            }
            case Node.Assign n -> {
                Value v = evaluator.eval(n.value(), c.named(n.target()));
                c.scope().assign(n.target(), v, n.declaresVar());
                yield v;
            }
            case Node.Eval n -> evaluator.eval(n.value(), c);
            case Node.Sequence n -> execBlock(n.body(), c);
            case Node.Phase n -> phase(n, c);
            case Node.Parallel n when n.settle() -> settle(n, c);
            case Node.Parallel n -> {
                TaskGroup.run(engine, n.body().size(), i -> exec(n.body().get(i), c), count(n.max(), c),
                        TaskGroup.Mode.FAIL_FAST, errors("parallel", n, c));
                yield Value.NULL;
            }
            case Node.Dag n -> dag(n, c);
            case Node.Race n -> race(n, c);
            case Node.Retry n -> retry(n, c);
            case Node.Timeout n -> timeout(n, c);
            case Node.If n -> {
                for (Node.Branch b : n.branches()) {
                    if (evaluator.condition(b.condition(), c)) yield execBlock(b.body(), c);
                }
                yield n.otherwise() == null ? Value.NULL : execBlock(n.otherwise(), c);
            }
            case Node.For n -> forEach(n, c);
            case Node.Loop n -> loop(n, c);
            case Node.Try n -> attempt(n, c);
            case Node.Print n -> {
                String line = Values.show(evaluator.eval(n.value(), c));
                synchronized (options.out()) {
                    options.out().println(line);
                    options.out().flush();
                }
                yield Value.NULL;
            }
            case Node.Return n -> throw new Flow.Return(n.value() == null ? Value.NULL : evaluator.eval(n.value(), c));
            case Node.Fail n -> throw RunError.of(ErrorKind.FAIL, Values.show(evaluator.eval(n.message(), c)), c.task(id), n.span(), c.attempt());
            case Node.Break n -> throw new Flow.Break();
            case Node.Expect n -> {
                expectation.check(n, c);
                yield Value.NULL;
            }
        };
    }

    private Value phase(Node.Phase n, Ctx c) {
        String task = c.task(n.id());
        long start = events.now();
        events.phaseStarted(task, n.name(), c.phase());
        String failed = null;
        try {
            return execBlock(n.body(), c.phase(n.name()));
        } catch (RunError e) {
            failed = e.kind().word();
            throw e;
        } catch (Waiting w) {
            failed = RunResult.WAITING;
            throw w;
        } finally {
            events.phaseFinished(task, n.name(), events.now() - start, failed, c.phase());
        }
    }

    /** Each statement starts as soon as the siblings holding the nodes it depends on have finished (TaskGroup.runDag). */
    private Value dag(Node.Dag n, Ctx c) {
        List<String> body = n.body();
        DagOrder order = index(c.workflow()).dag(n);
        TaskGroup.runDag(engine, order, i -> exec(body.get(i), c), count(n.max(), c), errors("dag", n, c));
        return Value.NULL;
    }

    /** Branches run in scopes of their own; only the winner's names reach the block's scope. */
    private Value race(Node.Race n, Ctx c) {
        Scope[] scopes = new Scope[n.body().size()];
        for (int i = 0; i < scopes.length; i++) scopes[i] = c.scope().child();
        TaskGroup.Result r = TaskGroup.run(engine, n.body().size(), i -> exec(n.body().get(i), c.in(scopes[i])), 0,
                TaskGroup.Mode.FIRST_SUCCESS, errors("race", n, c));
        scopes[r.winner()].commit(null);
        return r.values()[r.winner()];
    }

    private Value retry(Node.Retry n, Ctx c) {
        int attempts = Math.max(1, count(n.attempts(), c));
        long backoff = n.backoff() == null ? 0 : (long) number(n.backoff(), c);
        long maxBackoff = n.maxBackoff() == null ? Long.MAX_VALUE : (long) number(n.maxBackoff(), c);
        Set<ErrorKind> on = new HashSet<>();
        for (String k : n.on()) on.add(ErrorKind.find(k));
        for (int attempt = 1; ; attempt++) {
            Scope scope = c.scope().child();
            try {
                Value v = execBlock(n.body(), c.attempt(scope, attempt));
                scope.commit(null);
                return v;
            } catch (RunError e) {
                // A cancellation means an enclosing block is stopping this work: never fight it with another attempt.
                boolean retryable = e.kind() != ErrorKind.CANCELLED && (on.isEmpty() ? e.kind().retryable() : on.contains(e.kind()));
                if (!retryable || attempt >= attempts) throw e.withAttempts(attempt);
                long delay = Backoff.delay(backoff, maxBackoff, n.jitter(), attempt, engine.random());
                if (e.retryAfter() != null) delay = Math.max(delay, e.retryAfter().toMillis());
                events.taskRetry(e.task(), attempt + 1, delay, e.kind().word(), e.getMessage(), c.phase());
                try {
                    engine.clock().sleep(delay);
                } catch (InterruptedException ie) {
                    throw RunError.cancelled(c.task(n.id()), n.span());
                }
            }
        }
    }

    private Value timeout(Node.Timeout n, Ctx c) {
        long millis = (long) number(n.duration(), c);
        return engine.within(millis, deadline -> {
            try {
                return execBlock(n.body(), c);
            } catch (RunError e) {
                if (deadline.fired() && e.kind() == ErrorKind.CANCELLED) {
                    throw RunError.of(ErrorKind.TIMEOUT, "the block ran longer than its timeout of " + Values.number(millis) + "ms",
                            c.task(n.id()), n.span(), c.attempt());
                }
                throw e;
            }
        });
    }

    private Value forEach(Node.For n, Ctx c) {
        Value itemsValue = evaluator.eval(n.items(), c);
        if (!(itemsValue instanceof Value.ListOf list)) {
            throw Evaluator.error(c, n.items().span(), "'for' needs a list, got a " + Values.typeName(itemsValue));
        }
        List<Value> items = list.items();
        // `where` picks the items first, one after another; each kept item keeps its place in the list as its index.
        List<Integer> kept = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) if (n.where() == null || kept(n, c, items.get(i), i)) kept.add(i);
        Value[] results = new Value[kept.size()];
        if (n.parallel()) {
            try {
                TaskGroup.Result r = TaskGroup.run(engine, kept.size(), k -> iteration(n, c, items.get(kept.get(k)), kept.get(k)),
                        count(n.max(), c), TaskGroup.Mode.FAIL_FAST, errors("for", n, c));
                System.arraycopy(r.values(), 0, results, 0, results.length);
            } catch (Flow.Break b) {
                // `break` in a parallel loop ends the loop; iterations still running were cancelled.
            }
        } else {
            for (int k = 0; k < kept.size(); k++) {
                try {
                    results[k] = iteration(n, c, items.get(kept.get(k)), kept.get(k));
                } catch (Flow.Break b) {
                    break;
                }
            }
        }
        if (n.into() != null) {
            List<Value> collected = new ArrayList<>();
            for (Value v : results) if (v != null) collected.add(v);
            Value all = new Value.ListOf(collected);
            c.scope().assign(n.into(), all, n.intoVar());
            return all;
        }
        return Value.NULL;
    }

    private boolean kept(Node.For n, Ctx c, Value item, int index) {
        Scope scope = c.scope().child();
        scope.assign(n.variable(), item, false);
        return evaluator.condition(n.where(), c.iteration(scope, index, Labels.iteration(n, item, index)));
    }

    private Value iteration(Node.For n, Ctx c, Value item, int index) {
        Scope scope = c.scope().child();
        scope.assign(n.variable(), item, false);
        return execBlock(n.body(), c.iteration(scope, index, Labels.iteration(n, item, index)));
    }

    private Value loop(Node.Loop n, Ctx c) {
        int max = n.max() == null ? 10 : count(n.max(), c);
        for (int i = 0; i < max; i++) {
            Ctx iteration = c.iteration(c.scope().child(), i);
            try {
                execBlock(n.body(), iteration);
            } catch (Flow.Break b) {
                return Value.NULL;
            }
            if (n.until() != null && evaluator.condition(n.until(), iteration)) return Value.NULL;
        }
        // A loop with a fixed count and no condition is meant to run to its max; anything else hit the ceiling.
        if (n.until() != null || n.max() == null) {
            events.warning(c.task(n.id()), "the loop at " + n.span().position() + " stopped at its max of " + max + " iterations"
                    + (n.until() == null ? "" : " before its until condition held"), c.phase());
        }
        return Value.NULL;
    }

    /** try: the body; on error the first matching catch, else each fallback in turn until one succeeds. */
    private Value attempt(Node.Try n, Ctx c) {
        Scope body = c.scope().child();
        RunError error;
        try {
            Value v = execBlock(n.body(), c.in(body));
            body.commit(null);
            return v;
        } catch (RunError e) {
            if (e.kind() == ErrorKind.CANCELLED) throw e;
            error = e;
        }
        for (Node.Catch k : n.catches()) {
            if (!k.kinds().isEmpty() && !k.kinds().contains(error.kind().word())) continue;
            Scope scope = c.scope().child();
            if (k.as() != null) scope.assign(k.as(), errorValue(error), false);
            Value v = execBlock(k.body(), c.in(scope));
            scope.commit(k.as());
            return v;
        }
        for (List<String> fallback : n.fallbacks()) {
            Scope scope = c.scope().child();
            try {
                Value v = execBlock(fallback, c.in(scope));
                scope.commit(null);
                return v;
            } catch (RunError e) {
                if (e.kind() == ErrorKind.CANCELLED) throw e;
                error = e;
            }
        }
        throw error;
    }

    /**
     * `parallel settle`: every branch runs to its end in a scope of its own, committed when it succeeds; when some
     * failed, the error carries what the others assigned (decision 12: `catch as e` reads `e.results`), so a swarm
     * can use the reviews that came back.
     */
    private Value settle(Node.Parallel n, Ctx c) {
        List<Map<String, Value>> assigned = new ArrayList<>(Collections.nCopies(n.body().size(), null));
        try {
            TaskGroup.run(engine, n.body().size(), i -> {
                Scope branch = c.scope().child();
                Value v = exec(n.body().get(i), c.in(branch));
                branch.commit(null);
                synchronized (assigned) {
                    assigned.set(i, branch.names());
                }
                return v;
            }, count(n.max(), c), TaskGroup.Mode.SETTLE, errors("parallel", n, c));
        } catch (RunError e) {
            if (e.kind() == ErrorKind.CANCELLED) throw e;
            Map<String, Value> results = new LinkedHashMap<>();
            synchronized (assigned) {
                for (Map<String, Value> names : assigned) {
                    if (names != null) new TreeMap<>(names).forEach(results::put);
                }
            }
            throw e.withResults(results);
        }
        return Value.NULL;
    }

    /** What `catch ... as e` sees: kind, message, task, attempts, every branch's error and what succeeded branches assigned. */
    private static Value errorValue(RunError e) {
        Map<String, Value> m = errorFields(e);
        List<Value> errors = new ArrayList<>();
        for (RunError cause : e.causes().isEmpty() ? List.of(e) : e.causes()) errors.add(new Value.MapOf(errorFields(cause)));
        m.put("errors", new Value.ListOf(errors));
        m.put("results", new Value.MapOf(new LinkedHashMap<>(e.results())));
        return new Value.MapOf(m);
    }

    private static Map<String, Value> errorFields(RunError e) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("kind", new Value.Text(e.kind().word()));
        m.put("message", new Value.Text(e.getMessage()));
        m.put("task", new Value.Text(e.task() == null ? "" : e.task()));
        m.put("attempts", new Value.Num(e.attempts()));
        return m;
    }

    // ---- calls ----

    private Value call(Expr.Call call, List<Value> args, Map<String, Value> opts, Ctx c) {
        return call(call, args, opts, c, c.task(call.span().position()));
    }

    private Value call(Expr.Call call, List<Value> args, Map<String, Value> opts, Ctx c, String task) {
        String place = c.place(index(c.workflow()).places().of(call));
        Callee callee = c.workflow().callee(plan, call);
        if (callee == null) {
            throw RunError.of(ErrorKind.FAIL, "the plan does not say what '" + call.callee() + "' calls (no callees entry at "
                    + call.span().position() + "); compile the script again", task, call.span(), c.attempt());
        }
        return switch (callee) {
            case Callee.Agent a -> agents.call(plan.agent(a.name()), call, args, opts, c, task, place);
            case Callee.Workflow w -> callWorkflow(plan.workflow(w.name()), call, args, opts, c, task, place);
            case Callee.Builtin b -> builtin(b.builtin(), call, args, opts, c, task, place);
        };
    }

    private Value builtin(Builtin b, Expr.Call call, List<Value> args, Map<String, Value> opts, Ctx c, String task, String place) {
        switch (b) {
            case SUMMARIZE -> {
                return summaries.summarize(call, args, opts, c, task, place);
            }
            case ASK -> {
                return asks.ask(args, opts, c, task, place, call.span());
            }
            case DIAGNOSE -> {
                return GeneratedRun.diagnose(plan, options.allowed(), args, call, c, task);
            }
            case ESTIMATE -> {
                return GeneratedRun.estimate(plan, options.allowed(), args, call, c, task);
            }
            case RUN -> {
                GeneratedRun.Compiled sub = GeneratedRun.compile(plan, options.allowed(), args, call, c, task);
                try {
                    return new Interpreter(sub.plan(), this).callWorkflow(sub.main(), call, sub.args(), Map.of(), c, task, place);
                } catch (RunError e) {
                    throw GeneratedRun.atCall(e, call);
                }
            }
            case CALLS -> {
                return new Value.Num(agentCalls.of(Values.text(args.get(0))));
            }
            case ENV -> {
                return envReads.read(args, c, task, call.span());
            }
            default -> {
                BuiltinFunction builtin = Builtins.get(b.callName);
                BuiltinFunction.Args a = new BuiltinFunction.Args(b.callName, args, opts, folder, grants);
                if (Effects.isEffect(b.callName)) return effects.call(builtin, a, c, task, place, call.span());
                try {
                    if (b == Builtin.SLEEP) return sleep(a);
                    return Effects.touchesWorld(b.callName) ? engine.act(builtin, a) : builtin.call(a);
                } catch (BuiltinException e) {
                    throw RunError.of(e.kind(), e.getMessage(), task, call.span(), c.attempt());
                } catch (InterruptedException e) {
                    throw RunError.cancelled(task, call.span());
                }
            }
        }
    }

    /** `sleep(dur)` on the engine's clock. */
    private Value sleep(BuiltinFunction.Args a) throws BuiltinException, InterruptedException {
        engine.clock().sleep(Builtins.sleepMillis(a));
        return Value.NULL;
    }

    private Value callWorkflow(WorkflowPlan w, Expr.Call call, List<Value> args, Map<String, Value> opts, Ctx c, String task,
                               String place) {
        Scope scope = new Scope(null);
        Ctx inner = new Ctx(w, scope, task + ">" + w.name() + "/", (place == null ? task : place) + ">" + w.name() + "/", "",
                c.attempt(), c.phase(), c.label());
        List<WorkflowPlan.Param> params = w.params();
        if (args.size() > params.size()) {
            throw RunError.of(ErrorKind.FAIL, w.name() + " takes " + params.size() + " arguments, not " + args.size(), task, call.span(), c.attempt());
        }
        for (int i = 0; i < params.size(); i++) {
            WorkflowPlan.Param p = params.get(i);
            Value v = i < args.size() ? args.get(i) : opts.get(p.name());
            if (v == null && p.defaultValue() != null) v = evaluator.eval(p.defaultValue(), inner);
            if (v == null) throw RunError.of(ErrorKind.FAIL, w.name() + "() needs a value for '" + p.name() + "'", task, call.span(), c.attempt());
            scope.assign(p.name(), v, false);
        }
        return body(w, inner, task, call.span());
    }

    /**
     * A model's call of a `tool` declaration: the arguments (a JSON object) must fit the parameters' types, a missing
     * one takes its default, and the body runs as a workflow's, its calls named under the tool call. A mismatch is
     * an error the model reads back.
     */
    private Value callTool(WorkflowPlan w, Map<String, Value> args, ToolUse use) {
        Scope scope = new Scope(null);
        String where = use.place() == null ? use.task() : use.place();
        // Named by the agent call's label and the tool: `fix run_tests`, not the call's own name.
        Ctx inner = new Ctx(w, scope, use.task() + ">" + w.name() + "/", where + ">" + w.name() + "/", "", use.attempt(), use.phase(),
                use.label() == null ? w.name() : use.label() + " " + w.name());
        List<DataType.Field> fields = new ArrayList<>();
        for (WorkflowPlan.ToolParam p : w.tool().params()) fields.add(new DataType.Field(p.name(), !p.required(), p.type()));
        for (String given : args.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(given))) {
                throw RunError.of(ErrorKind.FAIL, w.name() + " has no parameter '" + given + "'; it takes "
                        + String.join(", ", fields.stream().map(DataType.Field::name).toList()), use.task(), w.span(), use.attempt());
            }
        }
        Map<String, Value> given = new LinkedHashMap<>(args);
        for (WorkflowPlan.ToolParam p : w.tool().params()) {
            if (given.get(p.name()) == null && p.required()) {
                throw RunError.of(ErrorKind.FAIL, w.name() + " needs the argument '" + p.name() + "'", use.task(), w.span(), use.attempt());
            }
        }
        Value.MapOf checked;
        try {
            checked = (Value.MapOf) Conformance.conform(new Value.MapOf(given), new DataType.Obj(null, fields));
        } catch (Conformance.Mismatch e) {
            throw RunError.of(ErrorKind.FAIL, "the arguments do not fit " + w.name() + ": " + e.getMessage(), use.task(), w.span(),
                    use.attempt());
        }
        for (WorkflowPlan.Param p : w.params()) {
            Value v = checked.entries().get(p.name());
            if ((v == null || v instanceof Value.Null) && p.defaultValue() != null) v = evaluator.eval(p.defaultValue(), inner);
            scope.assign(p.name(), v == null ? Value.NULL : v, false);
        }
        return body(w, inner, use.task(), w.span());
    }

    private Value body(WorkflowPlan w, Ctx inner, String task, Span span) {
        try {
            execBlock(w.body(), inner);
            return Value.NULL;
        } catch (Flow.Return r) {
            return r.value;
        } catch (Flow.Break b) {
            throw RunError.of(ErrorKind.FAIL, "'break' outside a loop", task, span, inner.attempt());
        }
    }

    // ---- helpers ----

    private Node node(WorkflowPlan w, String id) {
        return index(w).node(id);
    }

    private WorkflowIndex index(WorkflowPlan w) {
        WorkflowIndex index = indexes.get(w.name());
        return index != null ? index : indexes.computeIfAbsent(w.name(), k -> WorkflowIndex.of(w));
    }

    private int count(Expr e, Ctx c) {
        return e == null ? 0 : (int) number(e, c);
    }

    private double number(Expr e, Ctx c) {
        Value v = evaluator.eval(e, c);
        if (v instanceof Value.Num n) return n.value();
        throw Evaluator.error(c, e.span(), "expected a number, got a " + Values.typeName(v));
    }

    private TaskGroup.Errors errors(String what, Node n, Ctx c) {
        return new TaskGroup.Errors() {
            @Override
            public RunError cancelled() {
                return RunError.cancelled(c.task(n.id()), n.span());
            }

            @Override
            public RunError all(List<RunError> errors) {
                String label = "the " + what + (n instanceof Node.Parallel p && p.settle() ? " settle" : "") + " at " + n.span().position();
                return RunError.all(label, errors, c.task(n.id()), n.span());
            }
        };
    }
}

package dev.orch.interpreter;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.AgentSpec;
import dev.orch.compiler.plan.Estimator;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.MockProvider;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.ProviderFactory;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One agent call: the request built from the agent (call options override), then the breaker, the budget and the
 * model's `max_concurrency` are consulted, the provider is called (with the agent's `timeout`), a `format: "json"`
 * reply is validated, and the outcome is reported as events. Providers are created on first use, so a declared but
 * unused model (an `openai` one without a key, say) costs nothing.
 */
final class AgentCalls {
    private final Plan plan;
    private final Events events;
    private final Budget budget;
    private final ScheduledExecutorService scheduler;
    private final Function<ModelSpec, Provider> providerOverride;
    private final Journal journal;
    private final Map<String, Provider> providers = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> concurrency = new HashMap<>();
    private final Map<String, Breaker> breakers = new HashMap<>();
    private final AtomicLong totalIn = new AtomicLong();
    private final AtomicLong totalOut = new AtomicLong();

    AgentCalls(Plan plan, Events events, ScheduledExecutorService scheduler, Function<ModelSpec, Provider> providerOverride,
               Journal journal) {
        this.plan = plan;
        this.journal = journal;
        this.events = events;
        this.scheduler = scheduler;
        this.providerOverride = providerOverride;
        this.budget = new Budget(plan.budget());
        for (ModelSpec m : plan.models()) {
            if (m.maxConcurrency() != null && m.maxConcurrency() > 0) concurrency.put(m.name(), new Semaphore(m.maxConcurrency(), true));
        }
        if (plan.breakers() != null) plan.breakers().forEach(b -> breakers.put(b.name(), new Breaker(b)));
    }

    Budget budget() {
        return budget;
    }

    long tokensIn() {
        return totalIn.get();
    }

    long tokensOut() {
        return totalOut.get();
    }

    Value call(AgentSpec agent, Expr.Call call, List<Value> args, Map<String, Value> options, Ctx c, String task) {
        int attempt = c.attempt();
        String system = text(options.get("system"), agent.system());
        String prompt = args.isEmpty() ? "" : Values.show(args.get(0));
        Double temperature = number(options.get("temperature"), agent.temperature());
        Double maxTokensD = number(options.get("max_tokens"), agent.maxTokens() == null ? null : agent.maxTokens().doubleValue());
        Integer maxTokens = maxTokensD == null ? null : maxTokensD.intValue();
        String format = text(options.get("format"), agent.format());
        Double timeoutD = number(options.get("timeout"), agent.timeoutMs() == null ? null : agent.timeoutMs().doubleValue());
        Long timeoutMs = timeoutD == null ? null : timeoutD.longValue();
        boolean json = "json".equals(format);
        String modelChoice = text(options.get("model"), agent.model());
        ModelSpec model = plan.model(modelChoice);
        if (model == null && options.containsKey("model")) {
            throw RunError.of(ErrorKind.FAIL, "'" + modelChoice + "' is not a declared model", task, call.span(), attempt);
        }
        if (temperature == null && model != null) temperature = model.temperature();
        String modelName = model == null ? modelChoice : model.name();
        Journal.Request journaled = journal.request(task, c.phase(), attempt, agent.name(), model, modelName, system, prompt,
                temperature, maxTokens, format);
        Value.Reply earlier = journaled == null ? null : journal.earlier(journaled, events);
        if (earlier != null) {
            // Replayed usage was spent by this run before: it still counts against the budget.
            budget.settle(0, 0, earlier.tokensIn() + earlier.tokensOut(), earlier.cost());
            return earlier;
        }

        long tokensIn = MockProvider.estimateTokens((system == null ? "" : system) + prompt);
        // The same worst case as the plan's estimate: a reply as long as max_tokens, or the estimator's default.
        long worstTokens = tokensIn + (maxTokens != null ? maxTokens : Estimator.DEFAULT_MAX_TOKENS);
        double worstCost = cost(model, tokensIn, worstTokens - tokensIn);
        String over = budget.reserve(worstTokens, worstCost);
        if (over != null) {
            events.emit(RunEvent.Type.BUDGET_EXCEEDED, task, agent.name(), modelName, attempt, null, null, null, over, c.phase(), null);
            throw RunError.of(ErrorKind.BUDGET, over, task, call.span(), attempt);
        }
        Breaker breaker = agent.breaker() == null ? null : breakers.get(agent.breaker());
        if (breaker != null) {
            String refused = breaker.admit(events.now());
            if (refused != null) {
                budget.settle(worstTokens, worstCost, 0, 0);
                events.emit(RunEvent.Type.TASK_FAILED, task, agent.name(), modelName, attempt, 0L, null, null,
                        "circuit_open: " + refused, c.phase(), null);
                throw RunError.of(ErrorKind.CIRCUIT_OPEN, refused, task, call.span(), attempt);
            }
        }
        long usedTokens = 0;
        double usedCost = 0;
        Semaphore permits = concurrency.get(modelName);
        long start = System.nanoTime();
        boolean acquired = false;
        try {
            if (permits != null) {
                permits.acquire();
                acquired = true;
            }
            events.emit(RunEvent.Type.TASK_STARTED, task, agent.name(), modelName, attempt, null, null, null, null, c.phase(), null);
            start = System.nanoTime();
            Provider provider = provider(model, agent);
            CompletionRequest request = new CompletionRequest(model == null ? null : model.model(), system, prompt,
                    temperature, maxTokens, json, timeoutMs == null ? null : Duration.ofMillis(timeoutMs),
                    CompletionRequest.TokenListener.NONE);
            Completion done;
            Deadline deadline = timeoutMs == null ? null : new Deadline(scheduler, timeoutMs);
            try {
                done = provider.complete(request);
            } catch (InterruptedException e) {
                if (deadline != null && deadline.fired()) {
                    throw new ProviderException(ErrorKind.TIMEOUT, "no reply within the agent's timeout of " + timeoutMs + "ms");
                }
                throw e;
            } finally {
                if (deadline != null) deadline.close();
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            usedTokens = done.tokensIn() + done.tokensOut();
            totalIn.addAndGet(done.tokensIn());
            totalOut.addAndGet(done.tokensOut());
            usedCost = cost(model, done.tokensIn(), done.tokensOut());
            if (json) {
                try {
                    Values.parseJson(done.text());
                } catch (Exception e) {
                    throw new ProviderException(ErrorKind.BAD_OUTPUT, "the agent has format: \"json\" but its reply is not JSON (reply starts: \""
                            + Evaluator.abbreviate(done.text()) + "\")");
                }
            }
            if (breaker != null) breaker.succeeded();
            String replyModel = done.model() == null ? modelName : done.model();
            if (journaled != null) journal.succeeded(journaled, done.text(), replyModel, done.tokensIn(), done.tokensOut(), usedCost, ms);
            events.emit(RunEvent.Type.TASK_FINISHED, task, agent.name(), modelName, attempt, ms, done.tokensIn(), done.tokensOut(),
                    null, c.phase(), null);
            return new Value.Reply(done.text(), done.tokensIn(), done.tokensOut(), usedCost, replyModel, ms, attempt);
        } catch (ProviderException e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (journaled != null) journal.failed(journaled, e.kind().word(), e.getMessage(), ms);
            events.emit(RunEvent.Type.TASK_FAILED, task, agent.name(), modelName, attempt, ms, null, null,
                    e.kind().word() + ": " + e.getMessage(), c.phase(), null);
            if (breaker != null && e.kind() == ErrorKind.CANCELLED) breaker.abandoned();
            if (breaker != null && e.kind() != ErrorKind.CANCELLED && breaker.failed(events.now())) {
                events.emit(RunEvent.Type.BREAKER_OPEN, task, agent.name(), modelName, attempt, null, null, null, null, c.phase(), breaker.name());
            }
            throw new RunError(e.kind(), e.getMessage(), task, call.span(), attempt, e.retryAfter(), List.of());
        } catch (InterruptedException e) {
            if (breaker != null) breaker.abandoned();
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (journaled != null) journal.failed(journaled, ErrorKind.CANCELLED.word(), "cancelled", ms);
            events.emit(RunEvent.Type.TASK_FAILED, task, agent.name(), modelName, attempt, ms, null, null, "cancelled", c.phase(), null);
            throw RunError.cancelled(task, call.span());
        } finally {
            if (acquired) permits.release();
            budget.settle(worstTokens, worstCost, usedTokens, usedCost);
            if (usedTokens > 0) checkAfter(task, agent, modelName, attempt, c);
        }
    }

    /** Real usage may pass the ceiling the worst case predicted; then the next call is refused by reserve. */
    private void checkAfter(String task, AgentSpec agent, String model, int attempt, Ctx c) {
        String over = budget.reserve(0, 0);
        if (over != null) events.emit(RunEvent.Type.BUDGET_EXCEEDED, task, agent.name(), model, attempt, null, null, null, over, c.phase(), null);
    }

    private Provider provider(ModelSpec model, AgentSpec agent) throws ProviderException {
        if (model == null) throw new ProviderException(ErrorKind.TOOL, "agent '" + agent.name() + "' has no model");
        Provider p = providers.get(model.name());
        if (p != null) return p;
        synchronized (providers) {
            p = providers.get(model.name());
            if (p == null) {
                p = providerOverride != null ? providerOverride.apply(model) : null;
                if (p == null) p = ProviderFactory.create(model);
                providers.put(model.name(), p);
            }
            return p;
        }
    }

    private static double cost(ModelSpec m, long in, long out) {
        if (m == null) return 0;
        double pin = m.priceIn() == null ? 0 : m.priceIn();
        double pout = m.priceOut() == null ? 0 : m.priceOut();
        return (in * pin + out * pout) / 1_000_000.0;
    }

    private static String text(Value v, String fallback) {
        return v == null ? fallback : Values.show(v);
    }

    private static Double number(Value v, Double fallback) {
        return v instanceof Value.Num n ? Double.valueOf(n.value()) : fallback;
    }
}

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
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.TokenEstimate;
import dev.orch.stdlib.provider.limit.Budget;
import dev.orch.stdlib.provider.limit.CircuitBreaker;
import dev.orch.stdlib.provider.limit.Pricing;
import dev.orch.stdlib.provider.limit.TimeSource;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One agent call: the request built from the agent (call options override), then the budget and the breaker are
 * consulted, the provider is called (with the agent's `timeout`; the model's own limits sit inside the provider), a
 * `format: "json"` reply is validated, and the outcome is reported as events. Providers are created on first use, so
 * a declared but unused model (an `openai` one without a key, say) costs nothing.
 */
final class AgentCalls {
    private final Plan plan;
    private final Events events;
    private final ScheduledExecutorService scheduler;
    private final Models models;
    private final Spending spending;
    private final Breakers breakers;
    private final Journal journal;

    AgentCalls(Plan plan, Events events, ScheduledExecutorService scheduler, Models models, Spending spending, Journal journal) {
        this.plan = plan;
        this.journal = journal;
        this.events = events;
        this.scheduler = scheduler;
        this.models = models;
        this.spending = spending;
        this.breakers = new Breakers(plan, TimeSource.SYSTEM);
    }

    Value call(AgentSpec agent, Expr.Call call, List<Value> args, Map<String, Value> options, Ctx c, String task) {
        return call(agent, call, args, options, c, task, false);
    }

    /** {@code capped}: the reply may be cut at max_tokens and still be the answer (`summarize`). */
    Value call(AgentSpec agent, Expr.Call call, List<Value> args, Map<String, Value> options, Ctx c, String task,
            boolean capped) {
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
            spending.replayed(earlier.tokensIn(), earlier.tokensOut(), earlier.cost());
            return earlier;
        }
        CompletionRequest request = new CompletionRequest(model == null ? null : model.model(), system, prompt,
                temperature, maxTokens, json, timeoutMs == null ? null : Duration.ofMillis(timeoutMs), events.tokens(task),
                capped);

        Pricing pricing = Models.pricing(model);
        long tokensIn = TokenEstimate.input(request);
        // The same worst case as the plan's estimate: a reply as long as max_tokens, or the estimator's default.
        long worstOut = maxTokens != null ? maxTokens : Estimator.DEFAULT_MAX_TOKENS;
        Budget.Reservation reservation;
        try {
            reservation = spending.reserve(tokensIn + worstOut, pricing.cost(tokensIn, worstOut));
        } catch (ProviderException e) {
            events.emit(RunEvent.Type.BUDGET_EXCEEDED, task, agent.name(), modelName, attempt, null, null, null, e.getMessage(), c.phase(), null);
            throw RunError.of(ErrorKind.BUDGET, e.getMessage(), task, call.span(), attempt);
        }
        CircuitBreaker.Permit permit;
        try {
            permit = breakers.acquire(agent.breaker());
        } catch (ProviderException refused) {
            reservation.release();
            events.emit(RunEvent.Type.TASK_FAILED, task, agent.name(), modelName, attempt, 0L, null, null,
                    "circuit_open: " + refused.getMessage(), c.phase(), null);
            throw new RunError(ErrorKind.CIRCUIT_OPEN, refused.getMessage(), task, call.span(), attempt, refused.retryAfter(), List.of());
        }
        long start = System.nanoTime();
        try {
            events.emit(RunEvent.Type.TASK_STARTED, task, agent.name(), modelName, attempt, null, null, null, null, c.phase(), null);
            spending.called();
            Provider provider = models.provider(model, "agent '" + agent.name() + "'");
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
            double cost = pricing.cost(done);
            if (spending.spent(reservation, done.tokensIn(), done.tokensOut(), cost)) {
                events.emit(RunEvent.Type.BUDGET_EXCEEDED, task, agent.name(), modelName, attempt, null, null, null,
                        "the replies so far used more than the budget allows; further calls fail with budget", c.phase(), null);
            }
            if (json) {
                try {
                    Values.parseJson(done.text());
                } catch (Exception e) {
                    throw new ProviderException(ErrorKind.BAD_OUTPUT, "the agent has format: \"json\" but its reply is not JSON (reply starts: \""
                            + Evaluator.abbreviate(done.text()) + "\")");
                }
            }
            if (permit != null) permit.success();
            String replyModel = done.model() == null ? modelName : done.model();
            if (journaled != null) journal.succeeded(journaled, done.text(), replyModel, done.tokensIn(), done.tokensOut(), cost, ms);
            events.emit(new RunEvent(RunEvent.Type.TASK_FINISHED, events.now(), events.run(), task, agent.name(), modelName,
                    attempt, ms, done.tokensIn(), done.tokensOut(), null, c.phase(), null, cost, null));
            return new Value.Reply(done.text(), done.tokensIn(), done.tokensOut(), cost, replyModel, ms, attempt);
        } catch (ProviderException e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (journaled != null) journal.failed(journaled, e.kind().word(), e.getMessage(), ms);
            events.emit(RunEvent.Type.TASK_FAILED, task, agent.name(), modelName, attempt, ms, null, null,
                    e.kind().word() + ": " + e.getMessage(), c.phase(), null);
            if (permit != null && permit.failure(e.kind())) {
                events.emit(RunEvent.Type.BREAKER_OPEN, task, agent.name(), modelName, attempt, null, null, null, null, c.phase(), agent.breaker());
            }
            throw new RunError(e.kind(), e.getMessage(), task, call.span(), attempt, e.retryAfter(), List.of());
        } catch (InterruptedException e) {
            if (permit != null) permit.abandon();
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (journaled != null) journal.failed(journaled, ErrorKind.CANCELLED.word(), "cancelled", ms);
            events.emit(RunEvent.Type.TASK_FAILED, task, agent.name(), modelName, attempt, ms, null, null, "cancelled", c.phase(), null);
            throw RunError.cancelled(task, call.span());
        } finally {
            reservation.release();
        }
    }

    private static String text(Value v, String fallback) {
        return v == null ? fallback : Values.show(v);
    }

    private static Double number(Value v, Double fallback) {
        return v instanceof Value.Num n ? Double.valueOf(n.value()) : fallback;
    }
}

package dev.orch.interpreter;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.AgentSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.value.ReplyJson;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.List;
import java.util.Map;

/**
 * One agent call, in three parts: the request is built from the agent and the call's options
 * ({@link AgentRequest}); the journal answers it when the run already has its reply; otherwise the {@link ToolLoop}
 * runs its turns, each one passing the {@link TurnGuards} (budget, breaker) and going through the engine to the
 * provider (whose model limits sit inside it). The agent's `timeout` covers the whole call, tool calls included. A `format: "json"` answer
 * is validated, and the outcome is reported as events. Providers are created on first use, so a declared but unused
 * model (an `openai` one without a key, say) costs nothing.
 */
final class AgentCalls {
    private final Plan plan;
    private final Events events;
    private final Engine engine;
    private final Spending spending;
    private final Journal journal;
    private final TurnGuards guards;
    private final ToolBox toolBox;

    AgentCalls(Plan plan, Events events, Engine engine, Spending spending, Journal journal, ToolBox toolBox) {
        this.plan = plan;
        this.journal = journal;
        this.events = events;
        this.engine = engine;
        this.spending = spending;
        this.toolBox = toolBox;
        this.guards = new TurnGuards(spending, new Breakers(plan, engine.clock()), events);
    }

    Value call(AgentSpec agent, Expr.Call call, List<Value> args, Map<String, Value> options, Ctx c, String task, String place) {
        return call(agent, call, args, options, c, task, place, false);
    }

    /** {@code capped}: the reply may be cut at max_tokens and still be the answer (`summarize`). */
    Value call(AgentSpec agent, Expr.Call call, List<Value> args, Map<String, Value> options, Ctx c, String task,
            String place, boolean capped) {
        CallSite at = new CallSite(task, c.phase(), c.attempt(), call.span(), c.label());
        AgentRequest r = AgentRequest.of(plan, agent, call, args, options, task, at.attempt());
        List<AgentTool> tools = toolBox.of(agent, at);
        Journal.Request journaled = journal.request(task, place, c.phase(), at.attempt(), agent.name(), r.model(), r.modelName(),
                r.system(), r.prompt(), r.temperature(), r.maxTokens(), r.format(),
                tools.isEmpty() ? List.of() : tools.stream().map(t -> t.spec().name()).toList(), agent.output(), c.label());
        // An agent without tools takes one turn, which its own entry journals.
        ConversationJournal conversation = new ConversationJournal(journal, spending, at, place, tools.isEmpty() ? null : journaled);
        Value.Reply earlier = journaled == null ? null : journal.earlier(journaled, events);
        if (earlier != null) {
            spending.replayed(earlier.tokensIn(), earlier.tokensOut(), earlier.cost());
            return typed(r, conversation.withToolCalls(earlier), at);
        }
        CompletionRequest first = r.completion(events.tokens(task), tools.isEmpty() ? List.of() : tools.stream().map(AgentTool::spec).toList(), capped);
        ToolLoop loop = new ToolLoop(engine, tools, agent.turnLimit(), events.tools(task, c.phase()), at, place, conversation);
        if (r.timeoutMs() == null) return run(r, at, loop, first, journaled, conversation, null);
        return engine.within(r.timeoutMs(), deadline -> run(r, at, loop, first, journaled, conversation, deadline));
    }

    /** The call's turns, under the agent's timeout when it has one ({@code deadline}, else null). */
    private Value run(AgentRequest r, CallSite at, ToolLoop loop, CompletionRequest first, Journal.Request journaled,
                      ConversationJournal conversation, Engine.Deadline deadline) {
        AgentSpec agent = r.agent();
        String task = at.task();
        boolean[] started = {false};
        long start = engine.clock().nanoTime();
        try {
            ToolLoop.Outcome done = loop.run(first, request -> turn(r, request, at, deadline, started));
            long ms = engine.clock().millisSince(start);
            String replyModel = done.model() == null ? r.modelName() : done.model();
            if (!started[0]) events.taskStarted(task, agent.name(), r.modelName(), at.attempt(), at.phase(), at.label());
            conversation.toolCallsDone(done.turns(), done.toolCalls());
            if (journaled != null) journal.succeeded(journaled, done.text(), replyModel, done.tokensIn(), done.tokensOut(), done.cost(), ms);
            events.taskText(task, at.attempt(), r.system(), r.prompt(), done.text(), at.phase());
            events.taskFinished(task, agent.name(), r.modelName(), at.attempt(), ms, done.tokensIn(), done.tokensOut(), done.cost(), at.phase());
            return typed(r, new Value.Reply(done.text(), done.tokensIn(), done.tokensOut(), done.cost(), replyModel, ms, at.attempt(),
                    done.turns(), done.toolCalls()), at);
        } catch (ProviderException e) {
            throw failed(r, at, journaled, start, e.kind(), e.getMessage(), e);
        } catch (InterruptedException e) {
            if (deadline != null && deadline.fired()) {
                throw failed(r, at, journaled, start, ErrorKind.TIMEOUT, timeoutMessage(r), null);
            }
            long ms = engine.clock().millisSince(start);
            if (journaled != null) journal.failed(journaled, ErrorKind.CANCELLED.word(), "cancelled", ms);
            events.taskFailed(task, agent.name(), r.modelName(), at.attempt(), ms, ErrorKind.CANCELLED.word(), null, at.phase());
            throw RunError.cancelled(task, at.span());
        } catch (RunError e) {
            // Refused by the budget or a breaker after an earlier turn had started the task: it ends here.
            if (started[0] && e.kind() == ErrorKind.BUDGET) {
                long ms = engine.clock().millisSince(start);
                if (journaled != null) journal.failed(journaled, e.kind().word(), e.getMessage(), ms);
                events.taskFailed(task, agent.name(), r.modelName(), at.attempt(), ms, e.kind().word(), e.getMessage(), at.phase());
            }
            throw e;
        }
    }

    /** One model turn: admitted by the guards, sent, settled, and (when it is the answer) validated. */
    private ToolLoop.Taken turn(AgentRequest r, CompletionRequest request, CallSite at, Engine.Deadline deadline, boolean[] started)
            throws ProviderException, InterruptedException {
        TurnGuards.Admitted admitted = guards.admit(r, request, at);
        if (!started[0]) {
            started[0] = true;
            events.taskStarted(at.task(), r.agent().name(), r.modelName(), at.attempt(), at.phase(), at.label());
        }
        Completion done;
        try {
            done = engine.complete(r.model(), "agent '" + r.agent().name() + "'", request);
        } catch (ProviderException e) {
            admitted.failed(e.kind());
            throw e;
        } catch (InterruptedException e) {
            if (deadline != null && deadline.fired()) admitted.failed(ErrorKind.TIMEOUT);
            else admitted.abandoned();
            throw e;
        }
        double cost = admitted.settle(done);
        if (r.structured() && done.toolCalls().isEmpty()) {
            try {
                ReplyJson.read(done.text(), r.replyType());
            } catch (ReplyJson.Bad e) {
                admitted.failed(ErrorKind.BAD_OUTPUT);
                throw new ProviderException(ErrorKind.BAD_OUTPUT, badOutput(r, e));
            }
        }
        admitted.succeeded();
        return new ToolLoop.Taken(done, cost);
    }

    private RunError failed(AgentRequest r, CallSite at, Journal.Request journaled, long start, ErrorKind kind, String message,
                            ProviderException e) {
        long ms = engine.clock().millisSince(start);
        if (journaled != null) journal.failed(journaled, kind.word(), message, ms);
        events.taskFailed(at.task(), r.agent().name(), r.modelName(), at.attempt(), ms, kind.word(), message, at.phase());
        return new RunError(kind, message, at.task(), at.span(), at.attempt(), e == null ? null : e.retryAfter(), List.of());
    }

    private static String badOutput(AgentRequest r, ReplyJson.Bad e) {
        return r.agent().output() == null ? "the agent has format: \"json\" but " + e.getMessage()
                : "the reply does not fit " + r.agent().output().show() + ": " + e.getMessage();
    }

    /**
     * What an agent call returns: for `output: T` and `format: "json"`, the reply's JSON value (checked against T by
     * the one JSON path), still carrying the reply's usage; a replayed reply goes through the same path. Other agents
     * return the reply, text with its usage.
     */
    private static Value typed(AgentRequest r, Value.Reply reply, CallSite at) {
        if (!r.structured()) return reply;
        try {
            return Values.answering(ReplyJson.read(reply.text(), r.replyType()), reply);
        } catch (ReplyJson.Bad e) {
            throw new RunError(ErrorKind.BAD_OUTPUT, badOutput(r, e), at.task(), at.span(), at.attempt(), null, List.of());
        }
    }

    private static String timeoutMessage(AgentRequest r) {
        return "no reply within the agent's timeout of " + r.timeoutMs() + "ms";
    }
}

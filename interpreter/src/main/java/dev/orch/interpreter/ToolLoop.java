package dev.orch.interpreter;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.tool.ToolCall;
import dev.orch.stdlib.provider.tool.ToolResult;
import dev.orch.stdlib.provider.tool.ToolTurn;
import dev.orch.interpreter.ConversationJournal.Ran;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tool loop, the same for every provider: send the request with the tools' schemas; while the model asks for
 * tool calls, run them (several in one turn run in parallel, each on its own virtual thread), send the results back
 * after the conversation so far and ask again; stop at the model's answer, or fail with `max_turns` when the model
 * is still calling tools on its last allowed turn. A tool's failure, a call to a tool the agent lacks and arguments
 * that are not a JSON object all go back to the model as an error result, so it can recover. Usage and cost are
 * summed over the turns. An agent without tools takes exactly one turn through the same code.
 */
final class ToolLoop {
    /** One guarded model turn: admitted by the budget and breaker, sent, settled; returns the reply and its cost. */
    @FunctionalInterface
    interface Turn {
        Taken take(CompletionRequest request) throws ProviderException, InterruptedException;
    }

    record Taken(Completion completion, double cost) {}

    /** Tells about each tool call as it starts and ends (for trace events and the journal). */
    interface ToolListener {
        ToolListener NONE = new ToolListener() { };

        default void started(String tool, int turn) { }

        default void finished(String tool, int turn, long ms, boolean ok, String error) { }
    }

    /** The whole call's outcome: the answer of the last turn, usage summed over every turn, the tool calls made. */
    record Outcome(String text, String model, long tokensIn, long tokensOut, double cost, int turns, List<Value> toolCalls) {}

    private final Engine engine;
    private final Map<String, AgentTool> byWireName = new LinkedHashMap<>();
    private final int maxTurns;
    private final ToolListener listener;
    private final CallSite at;
    private final String place;
    private final ConversationJournal journal;

    /**
     * {@code at} and {@code place}: the agent call's, which its tool calls are named under; {@code journal} records
     * each turn and tool call and, on resume, replays those that finished.
     */
    ToolLoop(Engine engine, List<AgentTool> tools, int maxTurns, ToolListener listener, CallSite at, String place,
             ConversationJournal journal) {
        this.engine = engine;
        for (AgentTool t : tools) byWireName.put(t.spec().name(), t);
        this.maxTurns = Math.max(1, maxTurns);
        this.listener = listener;
        this.at = at;
        this.place = place;
        this.journal = journal;
    }

    Outcome run(CompletionRequest first, Turn turn) throws ProviderException, InterruptedException {
        List<ToolTurn> conversation = new ArrayList<>();
        List<Value> toolCalls = new ArrayList<>();
        long in = 0;
        long out = 0;
        double cost = 0;
        for (int n = 1; ; n++) {
            Taken taken = journal.replayTurn(n).orElse(null);
            if (taken == null) {
                long start = engine.clock().nanoTime();
                taken = turn.take(conversation.isEmpty() ? first : first.withTurns(conversation));
                journal.turnDone(n, taken, engine.clock().millisSince(start));
            }
            Completion done = taken.completion();
            in += done.tokensIn();
            out += done.tokensOut();
            cost += taken.cost();
            if (done.toolCalls().isEmpty() || byWireName.isEmpty()) {
                return new Outcome(done.text(), done.model(), in, out, cost, n, toolCalls);
            }
            if (n >= maxTurns) {
                throw new ProviderException(ErrorKind.MAX_TURNS, "the model was still calling tools after " + n + " turn"
                        + (n == 1 ? "" : "s") + " (max_turns: " + maxTurns + "); raise max_turns or give it a smaller task");
            }
            List<Ran> ran = runAll(done.toolCalls(), n, journal.turnKey());
            List<ToolResult> results = new ArrayList<>();
            for (Ran r : ran) {
                results.add(r.result());
                toolCalls.add(r.record());
            }
            journal.resultsIn(results);
            conversation.add(new ToolTurn(done.text(), done.toolCalls(), results));
        }
    }

    /** A turn's tool calls, all at once as the engine's branches; each runs to its end (a failure is a result). */
    private List<Ran> runAll(List<ToolCall> calls, int turn, String after) throws InterruptedException {
        if (calls.size() == 1) return List.of(runOne(calls.get(0), turn, 0, after));
        Ran[] ran = new Ran[calls.size()];
        TaskGroup.Errors errors = new TaskGroup.Errors() {
            @Override
            public RunError cancelled() {
                return RunError.cancelled(at.task(), at.span());
            }

            @Override
            public RunError all(List<RunError> all) {
                return all.get(0);
            }
        };
        try {
            TaskGroup.run(engine, calls.size(), i -> {
                try {
                    ran[i] = runOne(calls.get(i), turn, i, after);
                } catch (InterruptedException e) {
                    throw errors.cancelled();
                }
                return Value.NULL;
            }, 0, TaskGroup.Mode.SETTLE, errors);
        } catch (RunError e) {
            if (e.kind() == ErrorKind.CANCELLED) throw new InterruptedException(e.getMessage());
            throw e;
        }
        return List.of(ran);
    }

    /** One tool call: replayed from the journal when it finished before, else run and journaled. */
    private Ran runOne(ToolCall call, int turn, int index, String after) throws InterruptedException {
        AgentTool tool = byWireName.get(call.name());
        String name = tool == null ? call.name() : tool.name();
        ToolUse use = ToolUse.of(at, place, turn, index);
        var replayed = journal.replayTool(use, name, call, after);
        if (replayed.isPresent()) return replayed.get();
        long start = engine.clock().nanoTime();
        Ran ran = execute(call, tool, name, turn, use);
        journal.toolDone(use, name, call, after, ran, engine.clock().millisSince(start));
        return ran;
    }

    private Ran execute(ToolCall call, AgentTool tool, String name, int turn, ToolUse use) throws InterruptedException {
        Value args;
        try {
            args = call.arguments().isBlank() ? new Value.MapOf(Map.of()) : Values.parseJson(call.arguments());
        } catch (Exception e) {
            args = null;
        }
        if (tool == null) {
            return failed(call, name, args, 0, "there is no tool named '" + call.name() + "'; the tools are "
                    + String.join(", ", byWireName.keySet()));
        }
        if (!(args instanceof Value.MapOf map)) {
            return failed(call, name, args, 0, "the arguments must be a JSON object, not: " + Evaluator.abbreviate(call.arguments()));
        }
        listener.started(name, turn);
        long start = engine.clock().nanoTime();
        try {
            Value v = tool.run(map.entries(), use);
            long ms = engine.clock().millisSince(start);
            listener.finished(name, turn, ms, true, null);
            return new Ran(new ToolResult(call.id(), call.name(), content(v), false), record(name, map, true, ms));
        } catch (RunError e) {
            if (e.kind() == ErrorKind.CANCELLED) throw new InterruptedException(e.getMessage());
            long ms = engine.clock().millisSince(start);
            String error = e.kind().word() + ": " + e.getMessage();
            listener.finished(name, turn, ms, false, error);
            return failed(call, name, map, ms, error);
        }
    }

    private static Ran failed(ToolCall call, String name, Value args, long ms, String error) {
        return new Ran(new ToolResult(call.id(), call.name(), error, true),
                record(name, args instanceof Value.MapOf m ? m : new Value.MapOf(Map.of()), false, ms));
    }

    /** What the model reads back: text as it is, null as "done", anything else as JSON. */
    private static String content(Value v) {
        return v instanceof Value.Null ? "done" : Values.show(v);
    }

    static Value record(String tool, Value.MapOf args, boolean ok, long ms) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("tool", new Value.Text(tool));
        m.put("args", args);
        m.put("ok", Value.of(ok));
        m.put("ms", new Value.Num(ms));
        return new Value.MapOf(m);
    }
}

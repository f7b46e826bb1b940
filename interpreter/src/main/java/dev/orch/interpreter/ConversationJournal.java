package dev.orch.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.JsonMappers;
import dev.orch.interpreter.store.CacheKey;
import dev.orch.interpreter.store.CallRecord;
import dev.orch.interpreter.store.JournalEntry;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.tool.ToolCall;
import dev.orch.stdlib.provider.tool.ToolResult;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The turns and tool calls of one agent call in the run's journal, so that `orch resume` continues a conversation
 * where it stopped: each model turn is journaled when it ends (its text, the tools it called, its usage), each tool
 * call when it ends (its result), under the agent call's task and place (`/t2` for the second turn, `/t2.1` for that
 * turn's first tool call). On resume, finished turns and tool calls are replayed in order, without asking the model
 * or running the tool again; the first one not journaled is done for real (a tool killed while it ran runs again).
 * An entry replays only after the same conversation so far: each one's key chains the one before it and what it
 * returned, so an edited prompt, or a tool that returned something else this time, goes on for real from there.
 * Replayed turns count in the run's spending, as a replayed call does.
 */
final class ConversationJournal {
    private static final ObjectMapper JSON = JsonMappers.DATA;

    private final Journal journal;
    private final Spending spending;
    private final CallSite at;
    private final String place;
    // Everything so far: the agent call's request, then each turn's reply and each turn's results.
    private String chain;
    private final String callKey;

    ConversationJournal(Journal journal, Spending spending, CallSite at, String place, Journal.Request call) {
        this.journal = journal;
        this.spending = spending;
        this.at = at;
        this.place = place;
        this.chain = call == null ? null : call.key();
        this.callKey = chain;
    }

    /** A tool call as the reply's `.tool_calls` lists it, with what the model got back. */
    record Ran(ToolResult result, Value record) {}

    private boolean off() {
        return chain == null;
    }

    // ---- turns ----

    private Journal.Request turnEntry(int turn) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("turn", turn);
        request.put("after", chain);
        return journal.entry(JournalEntry.TURN, at.task() + "/t" + turn, place == null ? null : place + "/t" + turn,
                at.phase(), at.attempt(), at.label(), request);
    }

    /** On resume, turn {@code turn} as the model gave it before; empty when it must be asked. */
    Optional<ToolLoop.Taken> replayTurn(int turn) {
        if (off()) return Optional.empty();
        Journal.Request r = turnEntry(turn);
        Optional<CallRecord> done = journal.done(r);
        if (done.isEmpty()) return Optional.empty();
        try {
            JsonNode j = JSON.readTree(done.get().reply());
            List<ToolCall> calls = new ArrayList<>();
            for (JsonNode c : j.path("tool_calls")) {
                calls.add(new ToolCall(c.path("id").asText(), c.path("name").asText(), c.path("arguments").asText()));
            }
            Completion completion = new Completion(j.path("text").asText(), j.path("tokens_in").asLong(),
                    j.path("tokens_out").asLong(), j.hasNonNull("model") ? j.get("model").asText() : null, calls);
            double cost = j.path("cost").asDouble();
            spending.replayed(completion.tokensIn(), completion.tokensOut(), cost);
            advance(r, done.get().reply());
            return Optional.of(new ToolLoop.Taken(completion, cost));
        } catch (Exception e) {
            return Optional.empty(); // a row this orch cannot read is asked again
        }
    }

    /** Journals a turn the model has just given; its usage rides in the reply, counted once in the agent call's row. */
    void turnDone(int turn, ToolLoop.Taken taken, long ms) {
        if (off()) return;
        Journal.Request r = turnEntry(turn);
        Completion c = taken.completion();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("text", c.text());
        if (c.model() != null) reply.put("model", c.model());
        List<Map<String, Object>> calls = new ArrayList<>();
        for (ToolCall call : c.toolCalls()) calls.add(Map.of("id", call.id(), "name", call.name(), "arguments", call.arguments()));
        reply.put("tool_calls", calls);
        reply.put("tokens_in", c.tokensIn());
        reply.put("tokens_out", c.tokensOut());
        reply.put("cost", taken.cost());
        String json = CacheKey.canonicalJson(reply);
        journal.succeeded(r, json, c.model() == null ? "" : c.model(), 0, 0, 0, ms);
        advance(r, json);
    }

    // ---- tool calls ----

    private Journal.Request toolEntry(ToolUse use, String tool, ToolCall call, String after) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("tool", tool);
        request.put("args", call.arguments());
        request.put("id", call.id());
        request.put("after", after);
        return journal.entry(JournalEntry.TOOL, use.task(), use.place(), use.phase(), use.attempt(), use.label(), request);
    }

    /** The key every tool call of the current turn is journaled after (the turn's calls run in parallel). */
    String turnKey() {
        return chain;
    }

    /** On resume, what this tool call returned before; empty when it must run. */
    Optional<Ran> replayTool(ToolUse use, String tool, ToolCall call, String after) {
        if (off()) return Optional.empty();
        Optional<CallRecord> done = journal.done(toolEntry(use, tool, call, after));
        if (done.isEmpty()) return Optional.empty();
        try {
            JsonNode j = JSON.readTree(done.get().reply());
            boolean failed = j.path("failed").asBoolean();
            Value args = Values.parseJson(j.path("args").asText());
            return Optional.of(new Ran(new ToolResult(call.id(), call.name(), j.path("content").asText(), failed),
                    ToolLoop.record(tool, args instanceof Value.MapOf m ? m : new Value.MapOf(Map.of()), !failed,
                            j.path("ms").asLong())));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Journals a tool call that has just ended, before its result goes to the model. */
    void toolDone(ToolUse use, String tool, ToolCall call, String after, Ran ran, long ms) {
        if (off()) return;
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("content", ran.result().content());
        reply.put("failed", ran.result().failed());
        reply.put("args", call.arguments());
        reply.put("ms", ms);
        journal.succeeded(toolEntry(use, tool, call, after), CacheKey.canonicalJson(reply), "", 0, 0, 0, ms);
    }

    /** The turn's results, in order, are part of what the next turn is asked after. */
    void resultsIn(List<ToolResult> results) {
        if (off()) return;
        StringBuilder all = new StringBuilder();
        for (ToolResult r : results) all.append(r.failed()).append(':').append(r.content().length()).append(':').append(r.content());
        chain = CacheKey.of("results", "", chain, all.toString(), Map.of());
    }

    private void advance(Journal.Request r, String reply) {
        chain = CacheKey.of("turn", "", r.key(), reply, Map.of());
    }

    // ---- the call's list of tool calls ----

    private Journal.Request toolCallsEntry() {
        return journal.entry(JournalEntry.TOOL_CALLS, at.task() + "/calls", place == null ? null : place + "/calls",
                at.phase(), at.attempt(), at.label(), Map.of("after", callKey));
    }

    /** Journals the call's `.turns` and `.tool_calls`, so a call replayed whole on resume still has them. */
    void toolCallsDone(int turns, List<Value> toolCalls) {
        if (off()) return;
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("turns", turns);
        reply.put("tool_calls", Values.toJson(new Value.ListOf(toolCalls)));
        String json = CacheKey.canonicalJson(reply);
        journal.succeeded(toolCallsEntry(), json, "", 0, 0, 0, 0);
        // Before the reply itself is cached, so a cache hit always finds its tool calls.
        journal.cacheConversation(callKey, json);
    }

    /** A reply replayed whole (resumed, or from the cache), with the `.turns` and `.tool_calls` it had. */
    Value.Reply withToolCalls(Value.Reply reply) {
        if (off()) return reply;
        Optional<String> had = journal.done(toolCallsEntry()).map(CallRecord::reply);
        if (had.isPresent()) {
            journal.cacheConversation(callKey, had.get()); // as a replayed reply is cached when the cache lacks it
        } else {
            had = journal.cachedConversation(callKey);
            // This run's journal gets them too, so resuming it later replays them.
            had.ifPresent(json -> journal.succeeded(toolCallsEntry(), json, "", 0, 0, 0, 0));
        }
        if (had.isEmpty()) return reply;
        try {
            JsonNode j = JSON.readTree(had.get());
            Value calls = Values.parseJson(j.path("tool_calls").toString());
            return new Value.Reply(reply.text(), reply.tokensIn(), reply.tokensOut(), reply.cost(), reply.model(), reply.ms(),
                    reply.attempts(), j.path("turns").asInt(1), calls instanceof Value.ListOf l ? l.items() : List.of());
        } catch (Exception e) {
            return reply;
        }
    }
}

package dev.orch.interpreter;

import dev.orch.compiler.lang.DataType;
import dev.orch.compiler.plan.MockSpec;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import dev.orch.interpreter.store.CacheKey;
import dev.orch.interpreter.store.CachedReply;
import dev.orch.interpreter.store.CallRecord;
import dev.orch.interpreter.store.JournalEntry;
import dev.orch.interpreter.store.Question;
import dev.orch.interpreter.store.RunStore;
import dev.orch.stdlib.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's journal in the run store: every finished attempt of every agent call and every effect (`sh`, `write`,
 * `append`, `http`) is recorded (and committed) before the script sees its outcome, phases are recorded as they start
 * and end, and, on `orch resume`, an entry whose place already has a journaled outcome for the same request is
 * answered from the journal instead of being done again. With `--cache`, a request
 * identical to one answered before (in any run of the store) is answered from the reply cache.
 *
 * <p>A {@code StoreException} from here stops the run: going on would spend money on calls that could not be resumed.
 */
public final class Journal implements RunListener {
    /** No store: nothing is recorded, nothing replayed (`orch run --no-store`, tests, the REPL). */
    public static final Journal NONE = new Journal(null, null, false, false);

    private final RunStore store;
    private final String runId;
    private final boolean replay;
    private final boolean cache;
    // A task is replayed once: when a retry around a replayed call asks again, the call is made for real.
    private final Set<String> replayed = ConcurrentHashMap.newKeySet();

    private Journal(RunStore store, String runId, boolean replay, boolean cache) {
        this.store = store;
        this.runId = runId;
        this.replay = replay;
        this.cache = cache;
    }

    /** Journals a new run's calls into {@code store}; {@code cache}: serve identical requests from the reply cache. */
    public static Journal recording(RunStore store, String runId, boolean cache) {
        return new Journal(store, runId, false, cache);
    }

    /** As {@link #recording}, and replays the calls the run journaled before (`orch resume`). */
    public static Journal resuming(RunStore store, String runId, boolean cache) {
        return new Journal(store, runId, true, cache);
    }

    /**
     * One journal entry as the journal sees it: where it is in the plan, what it is ({@code entry}: an agent call,
     * an effect, a tool call) and the key of everything that shapes its outcome. For an entry that is not an agent
     * call, {@code agent} is what made it (the builtin's name) and {@code model} is empty.
     */
    record Request(String task, String phase, int attempt, String agent, String model, String provider, String key,
                   JournalEntry entry) {
        /** What a replay is found by: its structural place, or its task key when it has none. */
        String where() {
            return entry.place() == null ? task : entry.place();
        }
    }

    Request request(String task, String place, String phase, int attempt, String agent, ModelSpec model, String modelName,
                    String system, String prompt, Double temperature, Integer maxTokens, String format, List<String> tools,
                    DataType output, String label) {
        if (store == null) return null;
        Map<String, Object> options = new LinkedHashMap<>();
        if (temperature != null) options.put("temperature", temperature);
        if (maxTokens != null) options.put("max_tokens", maxTokens);
        if (format != null) options.put("format", format);
        if (!tools.isEmpty()) options.put("tools", tools);
        // A typed reply is checked against its type: another type is another request (decision 9).
        if (output != null) options.put("output", output.show());
        String provider = model == null ? null : model.provider();
        if (model != null && model.baseUrl() != null) options.put("base_url", model.baseUrl());
        // A mock's reply depends on its rules and failures, so they are part of what the request is; its latency is not.
        if (model != null && model.mock() != null) options.put("mock", replyShaping(model.mock()));
        String key = CacheKey.of(provider, model == null ? modelName : model.model(), system, prompt, options);
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("model", model == null ? modelName : model.model());
        if (system != null) shown.put("system", system);
        shown.put("prompt", prompt);
        shown.putAll(options);
        shown.remove("mock");
        JournalEntry entry = new JournalEntry(JournalEntry.AGENT, place, label, CacheKey.canonicalJson(shown));
        return new Request(task, phase, attempt, agent, modelName, provider, key, entry);
    }

    /**
     * What of a mock shapes its replies, as plain JSON values: maps and lists, not the records themselves, whose
     * generated toString (or a serializer made for them) cost a short run 10 ms at its first call.
     */
    private static Map<String, Object> replyShaping(MockSpec m) {
        List<Object> rules = new ArrayList<>();
        for (MockSpec.Rule r : m.rules() == null ? List.<MockSpec.Rule>of() : m.rules()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("pattern", r.pattern());
            rule.put("reply", r.reply());
            List<Object> turns = new ArrayList<>();
            for (MockSpec.Turn t : r.turns()) {
                List<Object> calls = new ArrayList<>();
                for (MockSpec.Call c : t.calls()) {
                    Map<String, Object> call = new LinkedHashMap<>();
                    call.put("tool", c.tool());
                    call.put("args", c.args());
                    calls.add(call);
                }
                Map<String, Object> turn = new LinkedHashMap<>();
                turn.put("calls", calls);
                turn.put("text", t.text());
                turns.add(turn);
            }
            rule.put("turns", turns);
            rules.add(rule);
        }
        Map<String, Object> shaping = new LinkedHashMap<>();
        shaping.put("rules", rules);
        shaping.put("fail_first", m.failFirst());
        shaping.put("fail", m.fail());
        shaping.put("fail_rate", m.failRate());
        shaping.put("seed", m.seed());
        return shaping;
    }

    /**
     * Any other entry: {@code kind} names it (a builtin such as {@code sh}, or {@code tool}), {@code request} is
     * everything that shapes its outcome, as plain JSON values (a changed request is done again, not replayed).
     * Null without a store.
     */
    Request entry(String kind, String task, String place, String phase, int attempt, String label, Map<String, ?> request) {
        if (store == null) return null;
        String json = CacheKey.canonicalJson(request);
        return new Request(task, phase, attempt, kind, "", null, CacheKey.of(kind, "", null, json, Map.of()),
                new JournalEntry(kind, place, label, json));
    }

    /**
     * On resume, what this entry gave when it was done before: its journaled result, when its request is the same
     * (an entry is replayed at most once per resume). Empty when it must be done now. Agent calls use
     * {@link #earlier}, which also serves the reply cache.
     */
    Optional<CallRecord> done(Request r) {
        if (store == null || !replay || !replayed.add(r.where())) return Optional.empty();
        Optional<CallRecord> done = store.journaled(runId, r.task(), r.entry().place());
        // A request that changed since (an edited prompt, a file read() that returned other text) is made again, and
        // so is one another agent made (decision 9: the key is place, agent and request).
        return done.filter(j -> (j.requestKey() == null || j.requestKey().equals(r.key())) && j.agent().equals(r.agent()));
    }

    /**
     * The reply this call already has: journaled by an earlier run of this run (resume), or cached (`--cache`,
     * journaled here at no cost); null when the call must be made. Emits task_replayed or task_cached.
     */
    Value.Reply earlier(Request r, Events events) {
        if (store == null) return null;
        Optional<CallRecord> done = done(r);
        if (done.isPresent()) {
            CallRecord j = done.get();
            if (cache && r.entry().isAgentCall()) {
                store.cacheIfAbsent(r.key(), new CachedReply(r.provider(), j.model(), j.reply(), j.tokensIn(), j.tokensOut(), j.cost()));
            }
            events.taskReplayed(r.task(), r.agent(), r.model(), j.attempt(), j.ms(), j.tokensIn(), j.tokensOut(), r.phase());
            return new Value.Reply(j.reply(), j.tokensIn(), j.tokensOut(), j.cost(), j.model(), j.ms(), j.attempt());
        }
        if (cache) {
            Optional<CachedReply> hit = store.cached(r.key());
            if (hit.isPresent()) {
                CachedReply c = hit.get();
                Instant now = Instant.now();
                store.recordCall(CallRecord.succeeded(runId, r.task(), r.phase(), r.attempt(), r.agent(), r.model(), r.key(),
                        c.reply(), c.tokensIn(), c.tokensOut(), 0, 0, now, now).about(r.entry()));
                events.taskCached(r.task(), r.agent(), r.model(), r.attempt(), c.tokensIn(), c.tokensOut(), r.phase());
                return new Value.Reply(c.reply(), c.tokensIn(), c.tokensOut(), 0, c.model(), 0, r.attempt());
            }
        }
        return null;
    }

    /**
     * Returns once the reply (an effect's result, as JSON) is committed to the store: only then may the script use
     * it, and only then is an effect known to be done.
     */
    void succeeded(Request r, String reply, String replyModel, long tokensIn, long tokensOut, double cost, long ms) {
        if (store == null) return;
        Instant now = Instant.now();
        CallRecord call = CallRecord.succeeded(runId, r.task(), r.phase(), r.attempt(), r.agent(), replyModel, r.key(),
                reply, tokensIn, tokensOut, cost, ms, now.minusMillis(ms), now).about(r.entry());
        if (cache && r.entry().isAgentCall()) {
            store.recordCall(call, r.key(), new CachedReply(r.provider(), replyModel, reply, tokensIn, tokensOut, cost));
        } else {
            store.recordCall(call);
        }
    }

    /**
     * `--cache` and an agent with tools: its `.turns` and `.tool_calls` (JSON) are kept beside its reply under a key
     * of their own (derived from the call's), so a call answered from the cache lists the tools it called.
     */
    void cacheConversation(String callKey, String json) {
        if (store != null && cache) store.cacheIfAbsent(conversationKey(callKey), new CachedReply("orch", "tool_calls", json, 0, 0, 0));
    }

    /** The `.turns` and `.tool_calls` cached with the call {@code callKey}, when `--cache` has them. */
    Optional<String> cachedConversation(String callKey) {
        if (store == null || !cache) return Optional.empty();
        return store.cached(conversationKey(callKey)).map(CachedReply::reply);
    }

    private static String conversationKey(String callKey) {
        return CacheKey.of("orch", "tool_calls", callKey, "", Map.of());
    }

    /** A failed attempt: never replayed, but shown by `orch show` and counted in the run's totals. */
    void failed(Request r, String kind, String message, long ms) {
        if (store == null) return;
        Instant now = Instant.now();
        store.recordCall(CallRecord.failed(runId, r.task(), r.phase(), r.attempt(), r.agent(), r.model(), r.key(),
                kind, message, 0, 0, 0, ms, now.minusMillis(ms), now).about(r.entry()));
    }

    /** Whether an `ask` nobody can answer now can wait for `orch answer`: only a run with a store can. */
    boolean canWait() {
        return store != null;
    }

    /** The question an earlier run of this run asked at {@code place}, with its answer when it has one. */
    Optional<Question> question(String place) {
        return store == null ? Optional.empty() : store.questions().at(runId, place);
    }

    /** Records a question the run will wait on, and returns it with its id. */
    Question waitFor(Question q) {
        return store.questions().ask(new Question(runId, q.id(), q.place(), q.taskKey(), q.text(), q.options(),
                q.defaultAnswer(), q.askedAt(), q.timeoutAt(), null, null));
    }

    /** Phases are recorded as they start and end, so `orch resume --from PHASE` knows where each began. */
    @Override
    public boolean wants(Class<? extends RunEvent> kind) {
        return store != null && (kind == RunEvent.PhaseStarted.class || kind == RunEvent.PhaseFinished.class);
    }

    @Override
    public void event(RunEvent e) {
        if (store == null) return;
        if (e instanceof RunEvent.PhaseStarted p) {
            store.phaseStarted(runId, p.name(), p.task());
        } else if (e instanceof RunEvent.PhaseFinished p) {
            store.phaseFinished(runId, p.name(), p.task(), p.error());
        }
    }
}

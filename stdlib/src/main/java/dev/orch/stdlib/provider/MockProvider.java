package dev.orch.stdlib.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.MockSpec;
import dev.orch.compiler.plan.ToolNames;
import dev.orch.stdlib.provider.limit.TimeSource;
import dev.orch.stdlib.provider.tool.ToolCall;
import dev.orch.stdlib.provider.tool.ToolResult;
import dev.orch.stdlib.provider.tool.ToolTurn;
import dev.orch.stdlib.value.Smallest;
import dev.orch.stdlib.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline `mock(...)` provider. It echoes the prompt unless a rule matches (rules in the order written; the
 * first whose regex finds a match replies, with `$0` replaced by the matched text). `latency` sleeps (interruptibly)
 * before answering; `fail_first: N` fails each distinct prompt's first N attempts with `server`; `fail: "REGEX"`
 * always fails matching prompts with `server`; `fail_rate: P, seed: S` fails a fraction P of attempts, decided by
 * (seed, prompt, attempt number) so the outcome does not depend on thread scheduling. Tokens are estimated as
 * characters / 4, rounded up. Like a real model, it stops at the request's `max_tokens`: a longer reply fails with
 * `truncated`, except for a capped request (`summarize`), which gets the first max_tokens * 4 characters.
 *
 * <p>A rule may script a tool conversation: its reply is a list of turns, and the request's turn number (how many
 * tool turns it repeats) picks one; past the end, the last turn repeats. A turn of calls comes back as tool calls
 * under the tools' wire names with ids `call_TURN_N`, their arguments' texts with `$0` and `$result` replaced; a text
 * turn is the answer, `$result` being the last tool result the model was sent. As a real model does, it calls only
 * when it was offered tools, it reads its whole conversation (tokens in count every turn's text, calls and results),
 * and the failure options act on a call's first turn, so a retried call fails or succeeds as a whole.
 */
public final class MockProvider implements Provider {
    private final String modelName;
    private final List<CompiledRule> rules;
    private final long latencyMs;
    private final int failFirst;
    private final Pattern fail;
    private final double failRate;
    private final long seed;
    private final Map<String, AtomicInteger> attemptsByPrompt = new ConcurrentHashMap<>();
    private final TimeSource time;

    private record CompiledRule(Pattern pattern, String reply, List<MockSpec.Turn> turns) {}

    public MockProvider(String modelName, MockSpec spec) {
        this(modelName, spec, TimeSource.SYSTEM);
    }

    /** {@code time}: where `latency` waits (a test's clock jumps instead). */
    public MockProvider(String modelName, MockSpec spec, TimeSource time) {
        this.time = time;
        MockSpec s = spec == null ? new MockSpec(List.of(), null, null, null, null, null) : spec;
        this.modelName = modelName;
        this.rules = (s.rules() == null ? List.<MockSpec.Rule>of() : s.rules()).stream()
                .map(r -> new CompiledRule(Pattern.compile(r.pattern()), r.reply(), r.turns())).toList();
        this.latencyMs = s.latencyMs() == null ? 0 : s.latencyMs();
        this.failFirst = s.failFirst() == null ? 0 : s.failFirst();
        this.fail = s.fail() == null ? null : Pattern.compile(s.fail());
        this.failRate = s.failRate() == null ? 0 : s.failRate();
        this.seed = s.seed() == null ? 0 : s.seed();
    }

    public static long estimateTokens(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    /** How many pieces a streamed reply comes in at most, and how long one is at least (about four tokens). */
    private static final int MAX_PIECES = 48;
    private static final int MIN_PIECE = 16;

    /**
     * A streamed call (someone listens for the text) gets its first piece after half the latency and the rest spread
     * over the other half, as a real provider's stream arrives; the total latency and the final text are the same.
     */
    @Override
    public Completion complete(CompletionRequest request) throws ProviderException, InterruptedException {
        boolean streamed = request.onToken() != CompletionRequest.TokenListener.NONE;
        long first = streamed ? latencyMs / 2 : latencyMs;
        if (first > 0) time.sleepUntil(time.nanoTime() + first * 1_000_000);
        if (Thread.interrupted()) throw new InterruptedException();
        Pace rest = new Pace(TimeUnit.MILLISECONDS.toNanos(latencyMs - first));
        Completion reply;
        try {
            reply = reply(request, rest);
        } catch (ProviderException e) {
            rest.sleep(rest.leftNanos); // a failure takes the whole latency, streamed or not
            throw e;
        }
        rest.sleep(rest.leftNanos); // so does a reply without text (tool calls)
        return reply;
    }

    /** What is left of a streamed call's latency, spent between the pieces of its reply. */
    private final class Pace {
        private long leftNanos;

        Pace(long nanos) {
            this.leftNanos = nanos;
        }

        void sleep(long nanos) throws InterruptedException {
            if (nanos <= 0) return;
            leftNanos -= nanos;
            time.sleepUntil(time.nanoTime() + nanos);
        }
    }

    private Completion reply(CompletionRequest request, Pace pace) throws ProviderException, InterruptedException {
        String prompt = request.prompt();
        String in = conversation(request);
        Matched matched = match(prompt);
        if (matched != null && !matched.rule().turns().isEmpty()) {
            MockSpec.Turn turn = matched.rule().turns().get(Math.min(request.turns().size(), matched.rule().turns().size() - 1));
            if (!turn.calls().isEmpty()) {
                if (request.turns().isEmpty()) failures(prompt);
                return calls(request, matched, turn, in);
            }
            if (request.turns().isEmpty()) failures(prompt);
            return answer(request, substitute(turn.text(), matched.text(), lastResult(request)), in, pace);
        }
        if (request.turns().isEmpty()) failures(prompt);
        // With no rule, an agent with `output: T` gets the smallest value of T, so every typed script runs offline.
        String unmatched = request.output() == null ? prompt : Values.toJsonText(Smallest.of(request.output()));
        return answer(request, matched == null ? unmatched : matched.rule().reply().replace("$0", matched.text()), in, pace);
    }

    /** `fail_first`, `fail` and `fail_rate`, counted per prompt; a call's later turns are not attempts of their own. */
    private void failures(String prompt) throws ProviderException {
        // Only fail_first and fail_rate look at the attempt: without them no prompt is remembered (100,000 calls would
        // keep 100,000 prompts, and the map was 14% of a fan-out's profile).
        int attempt = failFirst > 0 || failRate > 0
                ? attemptsByPrompt.computeIfAbsent(prompt, p -> new AtomicInteger()).incrementAndGet() : 1;
        if (attempt <= failFirst) {
            throw new ProviderException(ErrorKind.SERVER,
                    "mock server error (fail_first: " + failFirst + ", attempt " + attempt + " of this prompt)");
        }
        if (fail != null && fail.matcher(prompt).find()) {
            throw new ProviderException(ErrorKind.SERVER, "mock server error (the prompt matches fail: \"" + fail.pattern() + "\")");
        }
        if (failRate > 0 && new Random(seed * 31 + prompt.hashCode() * 17L + attempt).nextDouble() < failRate) {
            throw new ProviderException(ErrorKind.SERVER, "mock server error (fail_rate: " + failRate + ")");
        }
    }

    private Completion answer(CompletionRequest request, String reply, String in, Pace pace)
            throws ProviderException, InterruptedException {
        if (tooLong(reply, request.maxTokens())) {
            if (!request.capped()) {
                throw new ProviderException(ErrorKind.TRUNCATED, "mock: the reply was cut at max_tokens ("
                        + request.maxTokens() + "): it is " + estimateTokens(reply) + " tokens long");
            }
            reply = reply.substring(0, request.maxTokens() * 4);
        }
        stream(request.onToken(), reply, pace);
        return new Completion(reply, estimateTokens(in), estimateTokens(reply), modelName);
    }

    /** The reply in pieces of whole code points, the latency left spread evenly between them. */
    private static void stream(CompletionRequest.TokenListener listener, String reply, Pace pace) throws InterruptedException {
        if (listener == CompletionRequest.TokenListener.NONE) return;
        int points = reply.codePointCount(0, reply.length());
        int pieces = Math.max(1, Math.min(MAX_PIECES, points / MIN_PIECE));
        int at = 0;
        for (int i = 0; i < pieces; i++) {
            int end = i == pieces - 1 ? reply.length() : reply.offsetByCodePoints(at, points / pieces);
            listener.onText(reply.substring(at, end));
            at = end;
            if (i < pieces - 1) pace.sleep(pace.leftNanos / (pieces - 1 - i));
        }
    }

    private Completion calls(CompletionRequest request, Matched matched, MockSpec.Turn turn, String in) throws ProviderException {
        if (request.tools().isEmpty()) {
            throw new ProviderException(ErrorKind.BAD_OUTPUT, "mock: the rule \"" + matched.rule().pattern().pattern()
                    + "\" calls tools, but the agent offers none; give it tools: [...]");
        }
        String result = lastResult(request);
        List<ToolCall> calls = new ArrayList<>();
        StringBuilder written = new StringBuilder();
        for (MockSpec.Call c : turn.calls()) {
            String args = substitute(c.args(), matched.text(), result).toString();
            calls.add(new ToolCall("call_" + (request.turns().size() + 1) + "_" + (calls.size() + 1), ToolNames.wire(c.tool()), args));
            written.append(c.tool()).append(args);
        }
        if (tooLong(written.toString(), request.maxTokens())) {
            throw new ProviderException(ErrorKind.TRUNCATED, "mock: the reply was cut at max_tokens (" + request.maxTokens()
                    + "): its tool calls are " + estimateTokens(written.toString()) + " tokens long");
        }
        return new Completion("", estimateTokens(in), estimateTokens(written.toString()), modelName, calls);
    }

    /** Everything the model reads: the system prompt, the prompt, and each earlier turn's text, calls and results. */
    private static String conversation(CompletionRequest request) {
        StringBuilder in = new StringBuilder(request.system() == null ? "" : request.system()).append(request.prompt());
        for (ToolTurn t : request.turns()) {
            in.append(t.text());
            for (ToolCall c : t.calls()) in.append(c.name()).append(c.arguments());
            for (ToolResult r : t.results()) in.append(r.content());
        }
        return in.toString();
    }

    private static String lastResult(CompletionRequest request) {
        if (request.turns().isEmpty()) return "";
        List<ToolResult> results = request.turns().get(request.turns().size() - 1).results();
        return results.isEmpty() ? "" : results.get(results.size() - 1).content();
    }

    private static String substitute(String text, String matched, String result) {
        return text == null ? "" : text.replace("$0", matched).replace("$result", result);
    }

    private static JsonNode substitute(JsonNode node, String matched, String result) {
        if (node == null || node.isNull()) return JsonNodeFactory.instance.objectNode();
        if (node.isTextual()) return JsonNodeFactory.instance.textNode(substitute(node.asText(), matched, result));
        if (node.isContainerNode()) {
            JsonNode copy = node.deepCopy();
            if (copy instanceof ObjectNode o) o.fieldNames().forEachRemaining(k -> o.set(k, substitute(node.get(k), matched, result)));
            if (copy instanceof ArrayNode a) for (int i = 0; i < a.size(); i++) a.set(i, substitute(node.get(i), matched, result));
            return copy;
        }
        return node;
    }

    private static boolean tooLong(String reply, Integer maxTokens) {
        return maxTokens != null && maxTokens >= 0 && estimateTokens(reply) > maxTokens;
    }

    private record Matched(CompiledRule rule, String text) {}

    private Matched match(String prompt) {
        for (CompiledRule r : rules) {
            Matcher m = r.pattern().matcher(prompt);
            if (m.find()) return new Matched(r, m.group());
        }
        return null;
    }

}

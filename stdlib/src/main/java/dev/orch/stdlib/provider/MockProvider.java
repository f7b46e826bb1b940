package dev.orch.stdlib.provider;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.MockSpec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
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

    private record CompiledRule(Pattern pattern, String reply) {}

    public MockProvider(String modelName, MockSpec spec) {
        MockSpec s = spec == null ? new MockSpec(List.of(), null, null, null, null, null) : spec;
        this.modelName = modelName;
        this.rules = (s.rules() == null ? List.<MockSpec.Rule>of() : s.rules()).stream()
                .map(r -> new CompiledRule(Pattern.compile(r.pattern()), r.reply())).toList();
        this.latencyMs = s.latencyMs() == null ? 0 : s.latencyMs();
        this.failFirst = s.failFirst() == null ? 0 : s.failFirst();
        this.fail = s.fail() == null ? null : Pattern.compile(s.fail());
        this.failRate = s.failRate() == null ? 0 : s.failRate();
        this.seed = s.seed() == null ? 0 : s.seed();
    }

    public static long estimateTokens(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    @Override
    public Completion complete(CompletionRequest request) throws ProviderException, InterruptedException {
        String prompt = request.prompt();
        // Only fail_first and fail_rate look at the attempt: without them no prompt is remembered (100,000 calls would
        // keep 100,000 prompts, and the map was 14% of a fan-out's profile).
        int attempt = failFirst > 0 || failRate > 0
                ? attemptsByPrompt.computeIfAbsent(prompt, p -> new AtomicInteger()).incrementAndGet() : 1;
        if (latencyMs > 0) Thread.sleep(latencyMs);
        if (Thread.interrupted()) throw new InterruptedException();
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
        String reply = reply(prompt);
        if (tooLong(reply, request.maxTokens())) {
            if (!request.capped()) {
                throw new ProviderException(ErrorKind.TRUNCATED, "mock: the reply was cut at max_tokens ("
                        + request.maxTokens() + "): it is " + estimateTokens(reply) + " tokens long");
            }
            reply = reply.substring(0, request.maxTokens() * 4);
        }
        request.onToken().onText(reply);
        String in = (request.system() == null ? "" : request.system()) + prompt;
        return new Completion(reply, estimateTokens(in), estimateTokens(reply), modelName);
    }

    private static boolean tooLong(String reply, Integer maxTokens) {
        return maxTokens != null && maxTokens >= 0 && estimateTokens(reply) > maxTokens;
    }

    private String reply(String prompt) {
        for (CompiledRule r : rules) {
            Matcher m = r.pattern().matcher(prompt);
            if (m.find()) return r.reply().replace("$0", m.group());
        }
        return prompt;
    }

}

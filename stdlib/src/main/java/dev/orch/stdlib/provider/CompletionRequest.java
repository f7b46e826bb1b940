package dev.orch.stdlib.provider;

import java.time.Duration;

/**
 * What an agent call asks of a model. Nullable fields mean "provider default". {@code json}: the agent declared
 * `format: "json"`; providers use the API's JSON mode where it has one, and the caller validates the reply either way.
 * {@code onToken} receives streamed text as it arrives (for progress); never null. {@code capped}: the caller asked
 * for at most {@code maxTokens} and takes a reply cut there (`summarize`); otherwise a cut reply is `truncated`.
 */
public record CompletionRequest(
        String model,
        String system,
        String prompt,
        Double temperature,
        Integer maxTokens,
        boolean json,
        Duration timeout,
        TokenListener onToken,
        boolean capped) {

    public CompletionRequest(String model, String system, String prompt, Double temperature, Integer maxTokens,
            boolean json, Duration timeout, TokenListener onToken) {
        this(model, system, prompt, temperature, maxTokens, json, timeout, onToken, false);
    }

    @FunctionalInterface
    public interface TokenListener {
        TokenListener NONE = text -> { };

        void onText(String text);
    }
}

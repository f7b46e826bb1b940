package dev.orch.stdlib.provider;

import java.time.Duration;

/**
 * What an agent call asks of a model. Nullable fields mean "provider default". {@code json}: the agent declared
 * `format: "json"`; providers use the API's JSON mode where it has one, and the caller validates the reply either way.
 * {@code onToken} receives streamed text as it arrives (for progress); never null.
 */
public record CompletionRequest(
        String model,
        String system,
        String prompt,
        Double temperature,
        Integer maxTokens,
        boolean json,
        Duration timeout,
        TokenListener onToken) {

    @FunctionalInterface
    public interface TokenListener {
        TokenListener NONE = text -> { };

        void onText(String text);
    }
}

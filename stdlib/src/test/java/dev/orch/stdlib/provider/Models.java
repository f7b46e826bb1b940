package dev.orch.stdlib.provider;

import dev.orch.compiler.plan.ModelSpec;
import java.time.Duration;
import java.util.Map;

/** Declared models and requests for tests, and the fake key they authenticate with. */
public final class Models {
    public static final String KEY = "sk-test-Zq81vQ3mP0sECRET0key";
    public static final Env ENV = Map.of("OPENAI_API_KEY", KEY, "ANTHROPIC_API_KEY", KEY)::get;

    private Models() {}

    public static ModelSpec spec(String provider, String model, String baseUrl) {
        return limited(provider, model, baseUrl, null, null, null);
    }

    public static ModelSpec limited(String provider, String model, String baseUrl, Integer maxConcurrency,
            Integer rpm, Integer tpm) {
        return new ModelSpec("smart", provider, model, baseUrl, null, maxConcurrency, rpm, tpm, null, null, null, null,
                null, null, null, null, null, null);
    }

    /** A model with the wire limits set: {@code maxReplyMb}, {@code timeoutMs}, {@code idleTimeoutMs}, each null for the default. */
    public static ModelSpec wire(String provider, String baseUrl, Integer maxReplyMb, Long timeoutMs, Long idleTimeoutMs) {
        return new ModelSpec("smart", provider, "m-1", baseUrl, null, null, null, null, null, null, null, null,
                null, maxReplyMb, timeoutMs, idleTimeoutMs, null, null);
    }

    public static CompletionRequest ask(String prompt) {
        return new CompletionRequest(null, null, prompt, null, null, false, Duration.ofSeconds(10),
                CompletionRequest.TokenListener.NONE);
    }

    public static CompletionRequest ask(String system, String prompt, Integer maxTokens, boolean json,
            CompletionRequest.TokenListener onToken) {
        return new CompletionRequest(null, system, prompt, 0.2, maxTokens, json, Duration.ofSeconds(10), onToken);
    }
}

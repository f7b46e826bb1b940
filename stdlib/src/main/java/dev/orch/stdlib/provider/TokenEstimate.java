package dev.orch.stdlib.provider;

/**
 * Token counts before a call, when the provider has not said yet: characters / 4, rounded up (the rule of thumb
 * OpenAI and Anthropic both give for English, and what `mock` uses). Rate limits and budgets reserve with these and
 * settle with the real usage afterwards.
 */
public final class TokenEstimate {
    /** What a reply may cost when the agent sets no `max_tokens`: the default Anthropic calls are sent with. */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private TokenEstimate() {}

    public static long of(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    public static long input(CompletionRequest request) {
        return of(request.system()) + of(request.prompt());
    }

    /** Input plus the most the reply may use. */
    public static long worstCase(CompletionRequest request) {
        return input(request) + (request.maxTokens() != null ? request.maxTokens() : DEFAULT_MAX_TOKENS);
    }
}

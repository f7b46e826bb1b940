package dev.orch.stdlib.provider;

import java.time.Duration;

/**
 * The `summarize(text, tokens: N, model: M)` builtin: asks the model for a summary of at most N tokens. The model's
 * `max_tokens` is set to N, so the reply cannot run over; the prompt asks for about three quarters of that in words
 * so it is not cut mid-sentence. A text already within N tokens is returned as it is, without a call. The interpreter
 * sends the same request through its own call path (budget, events, journal) with {@link #instructions} and
 * {@link #fits}.
 */
public final class Summarizer {
    private final Provider provider;

    public Summarizer(Provider provider) {
        this.provider = provider;
    }

    public Completion summarize(String text, int tokens, Duration timeout)
            throws ProviderException, InterruptedException {
        if (fits(text, tokens)) return new Completion(text, 0, 0, null);
        return provider.complete(new CompletionRequest(null, instructions(tokens), text, null, tokens, false, timeout,
                CompletionRequest.TokenListener.NONE, true));
    }

    /** True when the text is already within the limit and needs no call. */
    public static boolean fits(String text, int tokens) {
        if (tokens <= 0) throw new IllegalArgumentException("tokens must be positive: " + tokens);
        return TokenEstimate.of(text) <= tokens;
    }

    /** The system prompt of a summary of at most {@code tokens} tokens. */
    public static String instructions(int tokens) {
        int words = Math.max(1, tokens * 3 / 4);
        return "You summarise texts. Keep the facts, names and numbers that matter; drop the rest. Reply with"
                + " the summary only, in at most " + words + " words.";
    }
}

package dev.orch.stdlib.provider;

import dev.orch.stdlib.provider.tool.ToolCall;
import java.util.List;

/**
 * A model's reply and the usage the provider reported (or estimated, for `mock`). {@code toolCalls}: the tools the
 * model asks to run before it answers (empty: {@code text} is the answer). {@code tokensIn} counts every prompt
 * token, including those written to ({@code cacheWriteTokens}) and read from ({@code cacheReadTokens}) the
 * provider's prompt cache, which are priced on their own (`price_cache_write`, `price_cache_read`).
 */
public record Completion(String text, long tokensIn, long tokensOut, String model, List<ToolCall> toolCalls,
        long cacheWriteTokens, long cacheReadTokens) {
    public Completion {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        text = wellFormed(text);
    }

    /**
     * A JSON reply may carry half a surrogate pair (`"\\ud800"`); stored as UTF-8 it would come back as another
     * character, so a resume would replay different text than the run saw. Each lone half becomes U+FFFD, here,
     * once, for every provider and whether the reply streamed or not (a pair split across chunks is whole by now).
     */
    static String wellFormed(String text) {
        if (text == null) return null;
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
            if (lone && fixed == null) fixed = new StringBuilder(text.length()).append(text, 0, i);
            if (fixed != null) fixed.append(lone ? '\uFFFD' : c);
        }
        return fixed == null ? text : fixed.toString();
    }

    public Completion(String text, long tokensIn, long tokensOut, String model, List<ToolCall> toolCalls) {
        this(text, tokensIn, tokensOut, model, toolCalls, 0, 0);
    }

    public Completion(String text, long tokensIn, long tokensOut, String model) {
        this(text, tokensIn, tokensOut, model, List.of());
    }

    /** The same usage and calls with other text (a JSON reply unwrapped from its code fence). */
    public Completion withText(String other) {
        return new Completion(other, tokensIn, tokensOut, model, toolCalls, cacheWriteTokens, cacheReadTokens);
    }
}

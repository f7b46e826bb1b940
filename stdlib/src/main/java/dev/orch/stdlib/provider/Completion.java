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

package dev.orch.stdlib.provider;

/**
 * A model's reply and the usage the provider reported (or estimated, for `mock`). {@code tokensIn} counts every
 * prompt token, including those written to ({@code cacheWriteTokens}) and read from ({@code cacheReadTokens}) the
 * provider's prompt cache, which are priced on their own (`price_cache_write`, `price_cache_read`).
 */
public record Completion(String text, long tokensIn, long tokensOut, String model, long cacheWriteTokens,
        long cacheReadTokens) {

    public Completion(String text, long tokensIn, long tokensOut, String model) {
        this(text, tokensIn, tokensOut, model, 0, 0);
    }
}

package dev.orch.compiler.plan;

import dev.orch.compiler.ast.Span;

/**
 * `model NAME = PROVIDER(...)` with its options folded to values. The API key is only ever the name of an
 * environment variable ({@code apiKeyEnv}), never the key itself. Absent options are null; absent cache prices
 * mean `price_in`, absent wire limits ({@code maxReplyMb}, {@code timeoutMs}, {@code idleTimeoutMs}) the defaults in
 * docs/providers.md.
 */
public record ModelSpec(
        String name,
        String provider,
        String model,
        String baseUrl,
        String apiKeyEnv,
        Integer maxConcurrency,
        Integer rpm,
        Integer tpm,
        Double temperature,
        Double priceIn,
        Double priceOut,
        Double priceCacheWrite,
        Double priceCacheRead,
        Integer maxReplyMb,
        Long timeoutMs,
        Long idleTimeoutMs,
        MockSpec mock,
        Span span) {}

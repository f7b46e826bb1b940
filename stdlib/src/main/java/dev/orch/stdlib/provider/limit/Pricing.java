package dev.orch.stdlib.provider.limit;

import dev.orch.compiler.plan.ModelSpec;
import dev.orch.stdlib.provider.Completion;

/**
 * A model's prices in dollars per million tokens (`price_in`, `price_out`, and for prompt tokens the provider's cache
 * wrote or read, `price_cache_write` and `price_cache_read`, each `price_in` unless set). Orch keeps no price list of
 * its own, since prices change: a model without them costs 0, so a `budget { cost: ... }` only bounds priced models.
 */
public record Pricing(double inPerMillion, double outPerMillion, double cacheWritePerMillion,
        double cacheReadPerMillion) {
    public static final Pricing FREE = new Pricing(0, 0, 0, 0);

    public Pricing(double inPerMillion, double outPerMillion) {
        this(inPerMillion, outPerMillion, inPerMillion, inPerMillion);
    }

    public static Pricing of(ModelSpec spec) {
        double in = spec.priceIn() != null ? spec.priceIn() : 0;
        return new Pricing(in, spec.priceOut() != null ? spec.priceOut() : 0,
                spec.priceCacheWrite() != null ? spec.priceCacheWrite() : in,
                spec.priceCacheRead() != null ? spec.priceCacheRead() : in);
    }

    /** A worst case or an estimate, where no cache is known: every prompt token at `price_in`. */
    public double cost(long tokensIn, long tokensOut) {
        return (tokensIn * inPerMillion + tokensOut * outPerMillion) / 1_000_000.0;
    }

    /** What a call cost: its prompt tokens split into fresh, cache writes and cache reads, and its reply. */
    public double cost(Completion done) {
        long fresh = Math.max(0, done.tokensIn() - done.cacheWriteTokens() - done.cacheReadTokens());
        return (fresh * inPerMillion + done.cacheWriteTokens() * cacheWritePerMillion
                + done.cacheReadTokens() * cacheReadPerMillion + done.tokensOut() * outPerMillion) / 1_000_000.0;
    }
}

package dev.orch.stdlib.provider.limit;

import dev.orch.compiler.plan.ModelSpec;

/**
 * A model's prices in dollars per million tokens (`price_in`, `price_out`). Orch keeps no price list of its own,
 * since prices change: a model without them costs 0, so a `budget { cost: ... }` only bounds priced models.
 */
public record Pricing(double inPerMillion, double outPerMillion) {
    public static final Pricing FREE = new Pricing(0, 0);

    public static Pricing of(ModelSpec spec) {
        return new Pricing(spec.priceIn() != null ? spec.priceIn() : 0, spec.priceOut() != null ? spec.priceOut() : 0);
    }

    public double cost(long tokensIn, long tokensOut) {
        return (tokensIn * inPerMillion + tokensOut * outPerMillion) / 1_000_000.0;
    }
}

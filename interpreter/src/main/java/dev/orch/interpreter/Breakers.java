package dev.orch.interpreter;

import dev.orch.compiler.plan.BreakerSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.limit.CircuitBreaker;
import dev.orch.stdlib.provider.limit.TimeSource;
import java.util.HashMap;
import java.util.Map;

/** The run's `breaker` declarations, one {@link CircuitBreaker} each, shared by every agent that names it. */
final class Breakers {
    private final Map<String, CircuitBreaker> byName = new HashMap<>();

    Breakers(Plan plan, TimeSource time) {
        if (plan.breakers() == null) return;
        for (BreakerSpec b : plan.breakers()) byName.put(b.name(), CircuitBreaker.of(b, time, state -> { }));
    }

    /** Null for an agent without a breaker; else a permit, or `circuit_open` while the breaker is open. */
    CircuitBreaker.Permit acquire(String breaker) throws ProviderException {
        CircuitBreaker b = breaker == null ? null : byName.get(breaker);
        return b == null ? null : b.acquire();
    }
}

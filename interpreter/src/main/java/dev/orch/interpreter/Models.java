package dev.orch.interpreter;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.ProviderFactory;
import dev.orch.stdlib.provider.limit.Pricing;
import dev.orch.stdlib.provider.limit.TimeSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The providers behind a run's models, each created on the model's first call (so a declared but unused `openai`
 * model needs no key) and shared by every call to it, with the model's `max_concurrency`, `rpm` and `tpm` around it.
 * Keys come from {@link Env}; a test's stand-in provider gets the same limits as the real one.
 */
final class Models {
    private final Env env;
    private final Function<ModelSpec, Provider> override;
    private final TimeSource time;
    private final Map<String, Provider> providers = new ConcurrentHashMap<>();

    /** {@code time}: the clock the models' limits and the mock's latency wait on. */
    Models(Env env, Function<ModelSpec, Provider> override, TimeSource time) {
        this.env = env;
        this.override = override;
        this.time = time;
    }

    Provider provider(ModelSpec model, String caller) throws ProviderException {
        if (model == null) throw new ProviderException(ErrorKind.TOOL, caller + " has no model");
        Provider p = providers.get(model.name());
        if (p != null) return p;
        synchronized (providers) {
            p = providers.get(model.name());
            if (p == null) {
                Provider stand = override != null ? override.apply(model) : null;
                p = stand != null ? ProviderFactory.limited(stand, model, time) : ProviderFactory.create(model, env, time);
                providers.put(model.name(), p);
            }
            return p;
        }
    }

    static Pricing pricing(ModelSpec model) {
        return model == null ? Pricing.FREE : Pricing.of(model);
    }
}

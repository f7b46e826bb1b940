package dev.orch.stdlib.provider;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.stdlib.provider.http.HttpProviders;
import dev.orch.stdlib.provider.limit.LimitedProvider;
import dev.orch.stdlib.provider.limit.TimeSource;
import java.util.Optional;

/**
 * Builds the provider behind a `model` declaration, one case for each provider of the language's table
 * ({@link dev.orch.compiler.lang.Provider}), with the model's `max_concurrency`, `rpm` and `tpm` applied: `mock`
 * obeys the same limits as a real model. The interpreter creates providers on first use, so a declared but unused
 * model never needs its API key.
 */
public final class ProviderFactory {
    private ProviderFactory() {}

    public static Provider create(ModelSpec spec, Env env) throws ProviderException {
        return create(spec, env, TimeSource.SYSTEM);
    }

    /** {@code time}: the clock the model's limits and the mock's latency wait on. */
    public static Provider create(ModelSpec spec, Env env, TimeSource time) throws ProviderException {
        return switch (declared(spec)) {
            case MOCK -> limited(new MockProvider(spec.name(), spec.mock(), time), spec, time);
            case OPENAI, ANTHROPIC, OLLAMA -> HttpProviders.create(spec, env, time);
        };
    }

    /** Any provider (a test's stand-in, say) behind the model's own limits. */
    public static Provider limited(Provider provider, ModelSpec spec) {
        return limited(provider, spec, TimeSource.SYSTEM);
    }

    public static Provider limited(Provider provider, ModelSpec spec, TimeSource time) {
        return LimitedProvider.wrap(provider, spec, time);
    }

    /** What would stop the model from being called (a missing API key), known before any call is made. */
    public static Optional<String> problem(ModelSpec spec, Env env) {
        dev.orch.compiler.lang.Provider declared = dev.orch.compiler.lang.Provider.find(spec.provider());
        return declared == null || declared == dev.orch.compiler.lang.Provider.MOCK
                ? Optional.empty() : HttpProviders.problem(spec, env);
    }

    private static dev.orch.compiler.lang.Provider declared(ModelSpec spec) throws ProviderException {
        dev.orch.compiler.lang.Provider declared = dev.orch.compiler.lang.Provider.find(spec.provider());
        if (declared == null) {
            throw new ProviderException(ErrorKind.TOOL, "unknown provider '" + spec.provider() + "' for model '" + spec.name() + "'");
        }
        return declared;
    }
}

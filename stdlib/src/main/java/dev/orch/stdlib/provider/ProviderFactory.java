package dev.orch.stdlib.provider;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.ModelSpec;

/**
 * Builds the provider behind a `model` declaration. The one table of providers: add a case here for each one.
 * The interpreter creates providers on first use, so a declared but unused model never needs its API key.
 */
public final class ProviderFactory {
    private ProviderFactory() {}

    public static Provider create(ModelSpec spec) throws ProviderException {
        return switch (spec.provider()) {
            case "mock" -> new MockProvider(spec.name(), spec.mock());
            case "openai", "anthropic", "ollama" -> throw new ProviderException(ErrorKind.TOOL,
                    "the " + spec.provider() + " provider (model '" + spec.name() + "') is not available yet in this build");
            default -> throw new ProviderException(ErrorKind.TOOL,
                    "unknown provider '" + spec.provider() + "' for model '" + spec.name() + "'");
        };
    }
}

package dev.orch.stdlib.provider;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.ModelSpec;

/**
 * Builds the provider behind a `model` declaration, one case for each provider of the language's table
 * ({@link dev.orch.compiler.lang.Provider}). The interpreter creates providers on first use, so a declared but
 * unused model never needs its API key.
 */
public final class ProviderFactory {
    private ProviderFactory() {}

    public static Provider create(ModelSpec spec) throws ProviderException {
        dev.orch.compiler.lang.Provider declared = dev.orch.compiler.lang.Provider.find(spec.provider());
        if (declared == null) {
            throw new ProviderException(ErrorKind.TOOL, "unknown provider '" + spec.provider() + "' for model '" + spec.name() + "'");
        }
        return switch (declared) {
            case MOCK -> new MockProvider(spec.name(), spec.mock());
            case OPENAI, ANTHROPIC, OLLAMA -> throw new ProviderException(ErrorKind.TOOL,
                    "the " + declared.word + " provider (model '" + spec.name() + "') is not available yet in this build");
        };
    }
}

package dev.orch.stdlib.provider.http;

import dev.orch.compiler.plan.ModelSpec;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.limit.LimitedProvider;
import dev.orch.stdlib.provider.limit.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The providers that speak HTTP, by the name a script uses: `openai`, `anthropic`, `ollama`. {@link #create} returns
 * the model ready to call, with its `max_concurrency`, `rpm` and `tpm` already applied, sharing one HTTP client.
 */
public final class HttpProviders {
    public static final List<String> NAMES = List.of("openai", "anthropic", "ollama");
    public static final String OPENAI_BASE_URL = dev.orch.compiler.lang.Provider.OPENAI.defaultBaseUrl;
    public static final String ANTHROPIC_BASE_URL = dev.orch.compiler.lang.Provider.ANTHROPIC.defaultBaseUrl;
    public static final String OLLAMA_BASE_URL = dev.orch.compiler.lang.Provider.OLLAMA.defaultBaseUrl;
    public static final String OPENAI_KEY = "OPENAI_API_KEY";
    public static final String ANTHROPIC_KEY = "ANTHROPIC_API_KEY";
    /** A call's whole time unless the model's `timeout` or the agent's says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private HttpProviders() {}

    public static boolean handles(String provider) {
        return NAMES.contains(provider);
    }

    public static Provider create(ModelSpec spec, Env env) {
        return create(spec, env, TimeSource.SYSTEM);
    }

    public static Provider create(ModelSpec spec, Env env, TimeSource time) {
        return LimitedProvider.wrap(unlimited(spec, env, HttpClients.shared(), Clock.systemUTC()), spec, time);
    }

    /** What would stop this model from being called (a missing key), for a check before the run starts. */
    public static Optional<String> problem(ModelSpec spec, Env env) {
        Endpoint endpoint = endpoint(spec, env, HttpClients.shared(), Clock.systemUTC());
        return endpoint.keyRequired() && endpoint.key() == null
                ? Optional.of(endpoint.missingKeyMessage()) : Optional.empty();
    }

    static Provider unlimited(ModelSpec spec, Env env, OkHttpClient client, Clock clock) {
        Endpoint endpoint = endpoint(spec, env, client, clock);
        return switch (spec.provider()) {
            case "anthropic" -> new AnthropicProvider(endpoint);
            case "openai", "ollama" -> new OpenAiProvider(endpoint);
            default -> throw new IllegalArgumentException("not an HTTP provider: " + spec.provider());
        };
    }

    static Endpoint endpoint(ModelSpec spec, Env env, OkHttpClient client, Clock clock) {
        String provider = spec.provider();
        String base = spec.baseUrl() != null ? spec.baseUrl() : switch (provider) {
            case "anthropic" -> ANTHROPIC_BASE_URL;
            case "ollama" -> OLLAMA_BASE_URL;
            default -> OPENAI_BASE_URL;
        };
        // Ollama needs no key unless the script names one (a proxy in front of it, say).
        String variable = spec.apiKeyEnv() != null ? spec.apiKeyEnv() : switch (provider) {
            case "anthropic" -> ANTHROPIC_KEY;
            case "ollama" -> null;
            default -> OPENAI_KEY;
        };
        ApiKey key = variable == null ? null : ApiKey.read(env, variable);
        String label = "model '" + spec.name() + "' (" + provider + ")";
        String modelHint = "the model name \"" + spec.model() + "\" and base_url " + base;
        HttpFailures failures = new HttpFailures(label, key, variable, modelHint, clock);
        long replyLimit = ReplyBody.bytes(spec.maxReplyMb() != null ? spec.maxReplyMb() : ReplyBody.DEFAULT_LIMIT_MB);
        Duration callTimeout = spec.timeoutMs() != null ? Duration.ofMillis(spec.timeoutMs()) : DEFAULT_TIMEOUT;
        // A client of its own shares the pool and the dispatcher. It follows no redirect: the prompt (and, on the same
        // host, the key) would go to an address the script never declared and no grant was checked for.
        OkHttpClient.Builder own = client.newBuilder().followRedirects(false).followSslRedirects(false);
        if (spec.idleTimeoutMs() != null) own.readTimeout(Duration.ofMillis(spec.idleTimeoutMs()));
        return new Endpoint(label, spec.model(), base, key, variable, variable != null, spec.temperature(), replyLimit,
                callTimeout, own.build(), failures);
    }
}

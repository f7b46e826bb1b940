package dev.orch.compiler.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * The model providers a `model NAME = PROVIDER(...)` may name, each with whether it takes a model id as its one
 * positional argument and the options it accepts.
 */
public enum Provider {
    MOCK("mock", false, null, Options.MOCK, "offline and deterministic: echoes the prompt unless a rule matches"),
    OPENAI("openai", true, "https://api.openai.com/v1", Options.REMOTE,
            "OpenAI chat completions, or any compatible server via base_url"),
    ANTHROPIC("anthropic", true, "https://api.anthropic.com", Options.REMOTE, "the Anthropic Messages API"),
    OLLAMA("ollama", true, "http://localhost:11434/v1", Options.REMOTE,
            "a local Ollama server (OpenAI-compatible, localhost:11434)");

    /** The name written in scripts. */
    public final String word;
    /** Whether the provider takes (and needs) a model id: `openai("gpt-4o")`. */
    public final boolean takesModelId;
    /** Where requests go without `base_url`, as in the provider's own SDK; null for the mock. */
    public final String defaultBaseUrl;
    public final List<Key> options;
    public final String summary;

    Provider(String word, boolean takesModelId, String defaultBaseUrl, List<Key> options, String summary) {
        this.word = word;
        this.takesModelId = takesModelId;
        this.defaultBaseUrl = defaultBaseUrl;
        this.options = options;
        this.summary = summary;
    }

    public static Provider find(String word) {
        for (Provider p : values()) if (p.word.equals(word)) return p;
        return null;
    }

    /** Held apart from the enum so the constants can share the lists. */
    private static final class Options {
        static final List<Key> LIMITS = List.of(
                Key.optional("max_concurrency", ValueKind.COUNT, "the most calls in flight at once"),
                Key.optional("rpm", ValueKind.COUNT, "the most requests a minute"),
                Key.optional("tpm", ValueKind.COUNT, "the most tokens a minute"),
                Key.optional("temperature", ValueKind.TEMPERATURE, "the default sampling temperature"),
                Key.optional("price_in", ValueKind.NUMBER, "dollars per million prompt tokens, for estimates and budgets"),
                Key.optional("price_out", ValueKind.NUMBER, "dollars per million reply tokens, for estimates and budgets"),
                Key.optional("price_cache_write", ValueKind.NUMBER,
                        "dollars per million prompt tokens written to the provider's cache (default: price_in)"),
                Key.optional("price_cache_read", ValueKind.NUMBER,
                        "dollars per million prompt tokens read from the provider's cache (default: price_in)"));

        static final List<Key> REMOTE = concat(List.of(
                Key.optional("base_url", ValueKind.TEXT, "the API's base URL, as in the provider's own SDK"),
                Key.optional("api_key_env", ValueKind.ENV_VAR, "the environment variable that holds the API key"),
                Key.optional("max_reply_mb", ValueKind.COUNT,
                        "the largest reply body read, in MB (default 16); a larger one fails, not retried"),
                Key.optional("timeout", ValueKind.DURATION,
                        "the longest a call may take, whole (default 10m); an agent's own timeout wins"),
                Key.optional("idle_timeout", ValueKind.DURATION,
                        "the longest the server may send nothing while a call is open (default 5m)")),
                LIMITS);

        static final List<Key> MOCK = concat(List.of(
                Key.optional("rules", ValueKind.RULES, "{ \"REGEX\": \"reply\" }: the first rule whose regex matches replies"),
                Key.optional("latency", ValueKind.DURATION, "how long each reply takes"),
                Key.optional("fail_first", ValueKind.WHOLE, "each distinct prompt fails this many attempts with server"),
                Key.optional("fail", ValueKind.REGEX, "prompts matching this regex always fail with server"),
                Key.optional("fail_rate", ValueKind.FRACTION, "the share of calls that fail with server"),
                Key.optional("seed", ValueKind.WHOLE, "the seed for fail_rate, for repeatable runs")),
                LIMITS);

        private static List<Key> concat(List<Key> a, List<Key> b) {
            List<Key> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }
    }
}

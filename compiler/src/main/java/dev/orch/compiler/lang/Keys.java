package dev.orch.compiler.lang;

import java.util.List;

/** The keys each declaration accepts and the options an agent call accepts: one place for checker, runtime and help. */
public final class Keys {
    private Keys() {}

    /** `agent NAME [extends NAME] { ... }`. `model` is required once `extends` is applied. */
    public static final List<Key> AGENT = List.of(
            Key.required("model", ValueKind.MODEL, "the model that answers this agent's calls"),
            Key.optional("system", ValueKind.TEXT, "the system prompt"),
            Key.optional("temperature", ValueKind.TEMPERATURE, "sampling temperature"),
            Key.optional("max_tokens", ValueKind.COUNT, "the most tokens a reply may have"),
            Key.optional("format", ValueKind.FORMAT, "\"json\" makes a reply that does not parse fail with bad_output"),
            Key.optional("timeout", ValueKind.DURATION, "how long one call may take before it fails with timeout"),
            Key.optional("breaker", ValueKind.BREAKER, "the circuit breaker calls go through"),
            Key.optional("tools", ValueKind.TOOLS, "what the model may call: builtins, tool declarations, MCP servers and their tools"),
            Key.optional("max_turns", ValueKind.COUNT, "the most model turns one call may take with tools (default 10)"));

    /** `breaker NAME { failures: N, window: DUR, cooldown: DUR }`: all three are required. */
    public static final List<Key> BREAKER = List.of(
            Key.required("failures", ValueKind.COUNT, "failures within the window that open the breaker"),
            Key.required("window", ValueKind.DURATION, "how far back failures are counted"),
            Key.required("cooldown", ValueKind.DURATION, "how long the breaker stays open before a probe call"));

    /**
     * `mcp NAME { ... }`: a stdio server (`command`, with `args`, `env`, `cwd`) or a Streamable HTTP one (`url`, with
     * `headers`); exactly one of `command` and `url`.
     */
    public static final List<Key> MCP = List.of(
            Key.optional("command", ValueKind.TEXT, "the program that runs a stdio MCP server (needs --allow shell)"),
            Key.optional("args", ValueKind.TEXTS, "the program's arguments"),
            Key.optional("env", ValueKind.TEXT_MAP, "environment variables added to the server's"),
            Key.optional("cwd", ValueKind.TEXT, "the folder the server starts in, relative to the script's"),
            Key.optional("url", ValueKind.TEXT, "the endpoint of a Streamable HTTP MCP server"),
            Key.optional("headers", ValueKind.TEXT_MAP, "headers sent with every request to the url"));

    /** `budget { tokens: N, cost: X }`: either bound may be left out. */
    public static final List<Key> BUDGET = List.of(
            Key.optional("tokens", ValueKind.COUNT, "the most tokens the whole run may use"),
            Key.optional("cost", ValueKind.NUMBER, "the most the whole run may cost, in dollars"));

    /** Options of a call to an agent, `analyst("...", max_tokens: 800)`: each overrides the agent's key for one call. */
    public static final List<Key> AGENT_CALL = List.of(
            Key.optional("max_tokens", ValueKind.COUNT, "the most tokens this reply may have"),
            Key.optional("temperature", ValueKind.TEMPERATURE, "sampling temperature for this call"),
            Key.optional("system", ValueKind.TEXT, "the system prompt for this call"),
            Key.optional("format", ValueKind.FORMAT, "\"json\" makes a reply that does not parse fail with bad_output"),
            Key.optional("timeout", ValueKind.DURATION, "how long this call may take"),
            Key.optional("model", ValueKind.MODEL, "a declared model to use instead of the agent's"));

    public static Key find(List<Key> keys, String name) {
        for (Key k : keys) if (k.name().equals(name)) return k;
        return null;
    }

    public static List<String> names(List<Key> keys) {
        return keys.stream().map(Key::name).toList();
    }
}

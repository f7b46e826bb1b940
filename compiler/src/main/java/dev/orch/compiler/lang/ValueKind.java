package dev.orch.compiler.lang;

/**
 * What a declaration key, provider option or call option accepts. Declarations hold constants only, so most
 * kinds are also checked for being written as a literal.
 */
public enum ValueKind {
    TEXT("a text", Type.TEXT),
    NUMBER("a number", Type.NUMBER),
    /** A whole number of at least 1, like a count or a limit. */
    COUNT("a whole number of at least 1", Type.NUMBER),
    /** A whole number of 0 or more. */
    WHOLE("a whole number", Type.NUMBER),
    /** A number from 0 to 1. */
    FRACTION("a number from 0 to 1", Type.NUMBER),
    /** Sampling temperature, from 0 to 2 as every provider accepts. */
    TEMPERATURE("a number from 0 to 2", Type.NUMBER),
    DURATION("a duration such as 30s", Type.DURATION),
    /** An HTTP method in capitals. */
    HTTP_METHOD("GET, POST, PUT, PATCH, DELETE or HEAD", Type.TEXT),
    /** The name of a declared model, written bare: `model: fast`. */
    MODEL("the name of a declared model", Type.ANY),
    /** The name of a declared breaker, written bare: `breaker: flaky`. */
    BREAKER("the name of a declared breaker", Type.ANY),
    /** `tools: [read, run_tests, files.read_text_file]`: names of tools, written bare. */
    TOOLS("a list of tool names such as [read, write]", Type.LIST),
    /** `"text"` or `"json"`. */
    FORMAT("\"text\" or \"json\"", Type.TEXT),
    /** A regular expression, as text. */
    REGEX("a regular expression in quotes", Type.TEXT),
    /** mock's `rules: { "REGEX": "reply", ... }`. */
    RULES("a map from regular expressions to replies", Type.MAP),
    /** The name of an environment variable, never a secret itself. */
    ENV_VAR("the name of an environment variable", Type.TEXT),
    /** A list of texts, written out: `args: ["-y", "server"]`. */
    TEXTS("a list of texts such as [\"-y\", \"server\"]", Type.LIST),
    /** A map whose values are texts, written out: `env: { ROOT: "." }`. */
    TEXT_MAP("a map of texts such as { NAME: \"value\" }", Type.MAP),
    MAP("a map", Type.MAP),
    ANY("a value", Type.ANY);

    /** How a message describes what is expected: "expected a duration such as 30s". */
    public final String description;
    /** The type a value of this kind has, for checks on expressions that are not literals. */
    public final Type type;

    ValueKind(String description, Type type) {
        this.description = description;
        this.type = type;
    }
}

package dev.orch.stdlib.provider.http;

import dev.orch.stdlib.provider.Env;

/**
 * An API key and the environment variable it came from. Only the variable's name is ever shown: {@link #toString}
 * names it, and {@link #redact} scrubs the value out of any text a server sends back (some echo the key in their
 * error messages).
 */
final class ApiKey {
    private final String variable;
    private final String value;

    private ApiKey(String variable, String value) {
        this.variable = variable;
        this.value = value;
    }

    /** The key from {@code variable}, or null when it is unset or blank. */
    static ApiKey read(Env env, String variable) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? null : new ApiKey(variable, value.strip());
    }

    String variable() {
        return variable;
    }

    String value() {
        return value;
    }

    static String redact(String text, ApiKey key) {
        if (text == null || key == null) return text;
        return text.replace(key.value, "[key from " + key.variable + "]");
    }

    @Override
    public String toString() {
        return "ApiKey[" + variable + "]";
    }
}

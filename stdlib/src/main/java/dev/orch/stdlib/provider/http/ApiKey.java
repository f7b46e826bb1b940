package dev.orch.stdlib.provider.http;

import dev.orch.stdlib.provider.Env;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API key and the environment variable it came from. Only the variable's name is ever shown: {@link #toString}
 * names it, and {@link #redact} scrubs the value out of any text a server sends back (some echo the key in their
 * error messages).
 */
final class ApiKey {
    private final String variable;
    private final String value;
    /** Whole occurrences of the key only, so that a short key does not mask letters inside words; compiled once. */
    private final Pattern whole;

    private ApiKey(String variable, String value) {
        this.variable = variable;
        this.value = value;
        this.whole = Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(value) + "(?![A-Za-z0-9_-])");
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

    /** Shorter values are no real credential, and masking them would mangle ordinary words of a message. */
    static final int SHORTEST_KEY = 8;

    /**
     * The text with every whole occurrence of the key replaced by its variable's name: one not inside a longer run of
     * key characters (letters, digits, `-`, `_`), so a key that happens to be part of a word leaves the word alone.
     */
    static String redact(String text, ApiKey key) {
        if (text == null || key == null || key.value.length() < SHORTEST_KEY || !text.contains(key.value)) return text;
        return key.whole.matcher(text).replaceAll(Matcher.quoteReplacement("[key from " + key.variable + "]"));
    }

    @Override
    public String toString() {
        return "ApiKey[" + variable + "]";
    }
}

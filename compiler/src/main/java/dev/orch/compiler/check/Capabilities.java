package dev.orch.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The values `--allow` takes, and what is wrong with one that is not among them: `shell`, `net`, `net:HOST`,
 * `write:PATH`, `read:PATH`, `env:NAME`. docs/security.md says what each grants.
 */
public final class Capabilities {
    /** What `--trust-model-output` adds to the granted values (it travels with them to `run()`). */
    public static final String TRUST_MODEL_OUTPUT = "trust-model-output";
    public static final List<String> FORMS = List.of("shell", "net", "net:HOST", "write:PATH", "read:PATH", "env:NAME");
    private static final List<String> WORDS = List.of("shell", "net");
    private static final List<String> PREFIXES = List.of("net", "write", "read", "env");

    private Capabilities() {}

    /** One message per value that is no capability (with a did-you-mean); empty when every value is one. */
    public static List<String> problems(List<String> values) {
        List<String> problems = new ArrayList<>();
        for (String v : values) {
            String problem = problem(v);
            if (problem != null) problems.add(problem);
        }
        return problems;
    }

    private static String problem(String value) {
        int colon = value.indexOf(':');
        String word = colon < 0 ? value : value.substring(0, colon);
        String rest = colon < 0 ? null : value.substring(colon + 1);
        if (colon < 0 && WORDS.contains(value)) return null;
        if (colon >= 0 && PREFIXES.contains(word)) {
            if (!rest.isBlank() && rest.indexOf('\0') < 0) return null;
            return "--allow " + value + ": give the " + switch (word) {
                case "net" -> "host, as in --allow net:api.example.com";
                case "env" -> "variable's name, as in --allow env:MY_VARIABLE";
                default -> "folder, as in --allow " + word + ":../shared";
            };
        }
        String lower = word.toLowerCase(Locale.ROOT);
        String close = colon < 0 ? Suggest.closest(lower, WORDS) : Suggest.closest(lower, PREFIXES);
        if (close == null && colon < 0 && PREFIXES.contains(lower)) close = lower + ":" + switch (lower) {
            case "env" -> "NAME";
            case "net" -> "HOST";
            default -> "PATH";
        };
        String mean = close == null ? "" : (colon < 0 ? close : close + ":" + rest);
        return "--allow " + value + ": unknown capability" + (mean.isEmpty() || mean.equals(value) ? "." : "; did you mean --allow " + mean + "?")
                + " The capabilities are " + String.join(", ", FORMS);
    }
}

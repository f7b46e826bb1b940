package dev.orch.compiler.lang;

/** A key of a declaration (`failures:` of a breaker) or an option of a call (`max_tokens:`): its name and value. */
public record Key(String name, ValueKind kind, boolean required, String meaning) {
    public static Key optional(String name, ValueKind kind, String meaning) {
        return new Key(name, kind, false, meaning);
    }

    public static Key required(String name, ValueKind kind, String meaning) {
        return new Key(name, kind, true, meaning);
    }
}

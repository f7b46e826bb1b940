package dev.orch.compiler.lang;

import java.util.Locale;

/**
 * The checker's small type lattice. {@code ANY} is "not known at compile time" and never causes a diagnostic.
 * A {@code REPLY} (an agent call's result) is text that also has the fields in {@link ReplyField}.
 */
public enum Type {
    TEXT, NUMBER, BOOL, DURATION, LIST, MAP, REPLY, NULL, ANY;

    /** The word a user sees in a message: "a text", "a number", "a reply". */
    public String describe() {
        return switch (this) {
            case ANY -> "a value";
            case NULL -> "null";
            default -> "a " + name().toLowerCase(Locale.ROOT);
        };
    }

    /** The name used in parameter annotations: `feature: text`. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTextual() {
        return this == TEXT || this == REPLY;
    }

    /** Whether a value of this type may stand where {@code expected} is wanted; unknown types always may. */
    public boolean fits(Type expected) {
        if (this == ANY || expected == ANY || this == expected) return true;
        return expected == TEXT && this == REPLY;
    }

    /** The least type covering both: equal types stay, a reply and a text are text, anything else is unknown. */
    public Type join(Type other) {
        if (this == other) return this;
        if (isTextual() && other.isTextual()) return TEXT;
        return ANY;
    }

    /** The type a parameter annotation names, or null when it names none. */
    public static Type ofKeyword(String word) {
        for (Type t : values()) if (t != NULL && t != REPLY && t.keyword().equals(word)) return t;
        return null;
    }
}

package dev.orch.compiler.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * The builtins table as people read it: `orch help builtins` prints {@link #text}, and docs/LANGUAGE.md holds
 * {@link #markdown} (a test keeps the two the same), so neither lists builtins by hand.
 */
public final class BuiltinHelp {
    private BuiltinHelp() {}

    /** One line a builtin: its signature, what it returns and does, and the `--allow` it needs. */
    public static String text() {
        int width = 0;
        for (Builtin b : Builtin.values()) width = Math.max(width, b.signature().length());
        StringBuilder out = new StringBuilder("Builtins (").append(Builtin.values().length).append("):\n");
        for (Builtin b : Builtin.values()) {
            out.append("  ").append(pad(b.signature(), width)).append("  ").append(line(b)).append('\n');
        }
        return out.toString();
    }

    /** A Markdown table of the same: signature, result, what it does. */
    public static String markdown() {
        List<String> rows = new ArrayList<>();
        rows.add("| builtin | gives | does |");
        rows.add("|---|---|---|");
        for (Builtin b : Builtin.values()) {
            rows.add("| `" + b.signature() + "` | " + b.result.keyword() + " | " + line(b).replace("|", "\\|") + " |");
        }
        return String.join("\n", rows) + "\n";
    }

    private static String line(Builtin b) {
        return b.summary + (b.capability.alwaysNeeded ? " (needs --allow " + b.capability.flag + ")" : "");
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}

package dev.orch.cli.render;

import dev.orch.stdlib.provider.limit.Dollars;
import java.time.Duration;
import java.util.Locale;

/** How `orch runs` and `orch show` write durations, token counts and money: short, and the same everywhere. */
final class Units {
    private Units() {}

    /** 850ms, 1.2s, 1m 12s, 2h 03m. */
    static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) return ms + "ms";
        if (ms < 60_000) return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        long s = ms / 1000;
        if (s < 3600) return (s / 60) + "m " + String.format(Locale.ROOT, "%02ds", s % 60);
        return (s / 3600) + "h " + String.format(Locale.ROOT, "%02dm", s % 3600 / 60);
    }

    /** An offset from the run's start: +0ms, +1.2s, +3m 05s. */
    static String offset(Duration d) {
        return "+" + duration(d);
    }

    /** 950, 12.3k, 1.2M. */
    static String tokens(long n) {
        if (n < 1000) return Long.toString(n);
        if (n < 1_000_000) return trim(String.format(Locale.ROOT, "%.1f", n / 1000.0)) + "k";
        return trim(String.format(Locale.ROOT, "%.1f", n / 1_000_000.0)) + "M";
    }

    /** Dollars to four places: calls often cost fractions of a cent. */
    static String cost(double dollars) {
        return Dollars.show(dollars);
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** One line, at most {@code max} characters: errors can be long and span lines. */
    static String oneLine(String text, int max) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= max ? line : line.substring(0, max - 3) + "...";
    }

    private static String trim(String decimal) {
        return decimal.endsWith(".0") ? decimal.substring(0, decimal.length() - 2) : decimal;
    }
}

package dev.orch.bench;

import java.util.Locale;

/**
 * One line of the results table: what was measured, at what size, Orch's figure, the baseline's, the claim (a ratio
 * or a limit) and whether it holds. Printed as a Markdown table row so bench/run's output pastes into BENCHMARKS.md.
 */
record Row(String benchmark, String size, String orch, String baseline, String result, String target, boolean met) {
    static final String HEADER = """
            | benchmark | size | Orch (median / best) | baseline (median / best) | result | target | met |
            |---|---|---|---|---|---|---|""";

    String markdown() {
        return "| " + String.join(" | ", benchmark, size, orch, baseline, result, target, met ? "yes" : "**no**") + " |";
    }

    void print() {
        System.out.println(markdown());
        System.out.flush();
    }

    static String ms(Samples s) {
        return String.format(Locale.ROOT, "%s / %s ms", figure(s.median()), figure(s.best()));
    }

    static String figure(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }

    /** Progress and details go to stderr, so stdout holds only the table. */
    static void note(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
        System.err.flush();
    }
}

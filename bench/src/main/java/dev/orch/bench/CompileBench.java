package dev.orch.bench;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import java.util.Locale;
import java.util.Map;

/**
 * Compile speed: parse, check and plan a generated dag of 1k, 10k and 100k statements, against Jackson reading the
 * very plan it produces as JSON (what `orch run PLAN.json` does instead of compiling). The claim is the ratio: the
 * compiler does far more than a JSON parser (names, types, dependencies, waves, estimate), and it should still cost
 * no more than two JSON parses of its own output. The same for a script of nested blocks, and the cost per statement
 * flat from 1k to 100k statements (no pass worse than linear).
 */
final class CompileBench {
    static final double TARGET = 2.0;
    /** Cost per statement at 100k over the cost at 1k: "flat", allowing for a cache that 100k statements outgrow. */
    static final double FLAT = 1.25;

    private CompileBench() {}

    static void run() throws Exception {
        // Warm-up rounds in proportion to the size, so even the smallest script is measured at steady state (JIT done).
        double small = measure("dag", Scripts.randomDag(1_000, 42), 1_000, 60, 30);
        measure("dag", Scripts.randomDag(10_000, 42), 10_000, 10, 15);
        double large = measure("dag", Scripts.randomDag(100_000, 42), 100_000, 1, 3);
        measure("nested blocks", Scripts.nestedBlocks(10_000, 42), 10_000, 10, 15);
        double growth = large / small;
        new Row("compile cost a statement, 100,000 statements vs 1,000", "dag",
                String.format(Locale.ROOT, "%.1f µs", large), String.format(Locale.ROOT, "%.1f µs", small),
                Row.ratio(growth), "<= " + Row.ratio(FLAT), growth <= FLAT).print();
    }

    /** One row; returns the median compile time a statement in microseconds. */
    private static double measure(String shape, String script, int statements, int warmups, int rounds) throws Exception {
        SourceFile source = new SourceFile("generated.orch", script);
        Compilation first = Compiler.compile(source, CompileOptions.CHECK);
        if (first.hasErrors() || first.plan() == null) throw new IllegalStateException(first.render());
        String json = PlanJson.write(first.plan());
        int lines = Scripts.lines(source.text());
        Row.note("compile: %s, %,d statements, %,d lines, %.1f MB of script, plan %.1f MB of JSON", shape, statements, lines,
                source.text().length() / 1e6, json.length() / 1e6);
        Plan[] sink = new Plan[1];
        Map<String, Samples> s = new Interleaved()
                .add("orch", Trial.timed(() -> sink[0] = Compiler.compile(source, CompileOptions.CHECK).plan()))
                .add("jackson", Trial.timed(() -> sink[0] = PlanJson.read(json)))
                .run(warmups, rounds);
        Samples orch = s.get("orch");
        Samples jackson = s.get("jackson");
        double ratio = orch.median() / jackson.median();
        double linesPerSecond = lines / (orch.median() / 1000);
        double perStatement = orch.median() * 1000 / statements;
        new Row("compile (parse + check + plan) vs Jackson reading the plan JSON",
                String.format(Locale.ROOT, "%s, %,d statements", shape, statements),
                Row.ms(orch), Row.ms(jackson),
                Row.ratio(ratio) + String.format(Locale.ROOT, " (best %s); %.1f µs a statement, %,.0f lines/s",
                        Row.ratio(orch.best() / jackson.best()), perStatement, linesPerSecond),
                "<= " + Row.ratio(TARGET), ratio <= TARGET).print();
        return perStatement;
    }
}

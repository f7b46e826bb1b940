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
 * no more than three JSON parses of its own output.
 */
final class CompileBench {
    static final double TARGET = 3.0;

    private CompileBench() {}

    static void run() throws Exception {
        measure(1_000, 20, 30);
        measure(10_000, 5, 15);
        measure(100_000, 1, 3);
    }

    private static void measure(int statements, int warmups, int rounds) throws Exception {
        SourceFile source = new SourceFile("generated.orch", Scripts.randomDag(statements, 42));
        Compilation first = Compiler.compile(source, CompileOptions.CHECK);
        if (first.hasErrors() || first.plan() == null) throw new IllegalStateException(first.render());
        String json = PlanJson.write(first.plan());
        int lines = Scripts.lines(source.text());
        Row.note("compile: %,d statements, %,d lines, %.1f MB of script, plan %.1f MB of JSON", statements, lines,
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
        new Row("compile (parse + check + plan) vs Jackson reading the plan JSON", String.format(Locale.ROOT, "%,d statements", statements),
                Row.ms(orch), Row.ms(jackson),
                Row.ratio(ratio) + String.format(Locale.ROOT, " (best %s); %,.0f lines/s", Row.ratio(orch.best() / jackson.best()), linesPerSecond),
                "<= " + Row.ratio(TARGET), ratio <= TARGET).print();
    }
}

package dev.orch.bench;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.Plan;
import java.util.Locale;
import java.util.Map;

/**
 * What type checking costs: the same 10,000-statement script compiled with its types (a `type` declaration, an agent
 * with `output: T`, typed workflow parameters and returns, typed fields read, compared and looped over) and without
 * them (the agent has `format: "json"`, nothing is declared), in the same process, interleaved. The claim is the
 * ratio: types add under 10% to compile time.
 */
final class TypeCheckBench {
    static final double TARGET = 1.10;

    private TypeCheckBench() {}

    static void run() throws Exception {
        measure(10_000, 5, 15);
    }

    private static void measure(int statements, int warmups, int rounds) throws Exception {
        SourceFile typed = new SourceFile("typed.orch", Scripts.typedReviews(statements, true));
        SourceFile untyped = new SourceFile("untyped.orch", Scripts.typedReviews(statements, false));
        for (SourceFile s : new SourceFile[] {typed, untyped}) {
            Compilation c = Compiler.compile(s, CompileOptions.CHECK);
            if (c.hasErrors() || c.plan() == null) throw new IllegalStateException(c.render());
        }
        Row.note("types: %,d statements, %,d lines typed, %,d untyped", statements, Scripts.lines(typed.text()),
                Scripts.lines(untyped.text()));
        Plan[] sink = new Plan[1];
        Map<String, Samples> s = new Interleaved()
                .add("typed", Trial.timed(() -> sink[0] = Compiler.compile(typed, CompileOptions.CHECK).plan()))
                .add("untyped", Trial.timed(() -> sink[0] = Compiler.compile(untyped, CompileOptions.CHECK).plan()))
                .run(warmups, rounds);
        Samples withTypes = s.get("typed");
        Samples without = s.get("untyped");
        double ratio = withTypes.median() / without.median();
        new Row("type checking: compile with types vs the same script without them", String.format(Locale.ROOT, "%,d statements", statements),
                Row.ms(withTypes), Row.ms(without),
                Row.ratio(ratio) + String.format(Locale.ROOT, " (best %s)", Row.ratio(withTypes.best() / without.best())),
                "< " + Row.ratio(TARGET), ratio < TARGET).print();
    }
}

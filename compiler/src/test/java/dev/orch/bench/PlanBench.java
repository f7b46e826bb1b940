package dev.orch.bench;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.parse.SourceParser;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.compiler.plan.render.PlanFormat;
import java.util.Arrays;
import java.util.Locale;

/**
 * Planning speed on a generated 10,000-statement dag: `bench/plan-bench` runs it (not a test, so `./mvnw verify`
 * leaves it alone). Warms up, then times parse alone and the whole compile (parse, dependency analysis, race
 * check, lowering, estimate), and the JSON and text renderings, reporting the median and best of the runs.
 */
public final class PlanBench {
    public static void main(String[] args) {
        int statements = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        SourceFile source = new SourceFile("generated.orch", GeneratedDag.script(statements, 42));

        Compilation first = Compiler.compile(source, CompileOptions.CHECK);
        if (first.hasErrors() || first.plan() == null) {
            System.err.println(first.render());
            throw new IllegalStateException("the generated script does not compile");
        }
        System.out.printf(Locale.ROOT, "generated dag: %d statements, %d waves, critical path %d calls%n", statements,
                ((dev.orch.compiler.plan.Node.Dag) first.plan().workflow("main").nodes().get(0)).waves().size(),
                first.plan().criticalPath().size());

        report("parse", warmups, runs, () -> SourceParser.parse(source));
        report("compile + plan (parse included)", warmups, runs, () -> Compiler.compile(source, CompileOptions.CHECK));
        report("plan -> json", warmups, runs, () -> PlanJson.write(first.plan()));
        report("plan -> text", warmups, runs, () -> PlanFormat.TEXT.render(first.plan()));
    }

    private static void report(String what, int warmups, int runs, Runnable task) {
        for (int i = 0; i < warmups; i++) task.run();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-34s median %7.1f ms   best %7.1f ms   (%d runs after %d warm-ups)%n", what,
                ms[runs / 2], ms[0], runs, warmups);
    }
}

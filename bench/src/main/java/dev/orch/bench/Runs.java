package dev.orch.bench;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.RunResult;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.value.Value;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiling a generated script for `orch run` and running its plan, as the CLI does, minus the terminal. */
final class Runs {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private Runs() {}

    static Plan plan(String script) {
        Compilation c = Compiler.compile(new SourceFile("bench.orch", script), CompileOptions.run(Set.of()));
        if (c.plan() == null) throw new IllegalStateException("a generated script does not compile:\n" + c.render());
        return c.plan();
    }

    static RunOptions options(RunListener listener) {
        return new RunOptions(Path.of("."), List.of(), NOWHERE, listener, "bench", null);
    }

    /** Runs main and fails loudly if the run failed: a benchmark of a failing run would measure the wrong thing. */
    static RunResult run(Plan plan, Map<String, Value> args, RunOptions options) {
        RunResult r = Interpreter.run(plan, "main", args, options);
        if (!r.ok()) throw new IllegalStateException("the benchmark's run failed: " + r.error().getMessage());
        return r;
    }

    static Value.ListOf numbers(int count) {
        List<Value> xs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) xs.add(new Value.Num(i));
        return new Value.ListOf(xs);
    }
}

package dev.orch.interpreter.bench;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.RunResult;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.stdlib.value.Value;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: 10,000 mock calls of 50 ms each in one `parallel for` without a cap, to see what a virtual thread per
 * task costs. Reports the wall time as a multiple of the 50 ms one call takes, and the peak heap. After
 * {@code ./mvnw -q -o package -DskipTests}:
 * <pre>
 * java -Xmx512m -cp cli/target/orch.jar:interpreter/target/test-classes dev.orch.interpreter.bench.MockCallsBenchmark 10000
 * </pre>
 */
public final class MockCallsBenchmark {
    private static final String SCRIPT = """
            model m = mock(latency: 50ms)
            agent a { model: m }
            workflow main(xs: list) {
              ys = for x in xs parallel {
                a("call {x}")
              }
              return len(ys)
            }
            """;

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Compilation c = Compiler.compile(new SourceFile("bench.orch", SCRIPT), CompileOptions.run(Set.of()));
        if (c.plan() == null) throw new IllegalStateException(c.render());
        List<Value> xs = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) xs.add(new Value.Num(i));
        AtomicLong finished = new AtomicLong();
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        RunOptions options = new RunOptions(Path.of("."), List.of(), nowhere,
                e -> { if (e.type() == RunEvent.Type.TASK_FINISHED) finished.incrementAndGet(); }, "bench", null);

        // One warm-up run so class loading and JIT do not count.
        Interpreter.run(c.plan(), "main", Map.of("xs", new Value.ListOf(xs.subList(0, Math.min(calls, 500)))), options);
        finished.set(0);
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

        long start = System.nanoTime();
        RunResult r = Interpreter.run(c.plan(), "main", Map.of("xs", new Value.ListOf(xs)), options);
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (!r.ok()) throw new IllegalStateException(r.error().getMessage());
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        System.out.printf(Locale.ROOT, "%d calls of 50 ms in one parallel for: %d ms wall = %.1f x 50 ms; %d finished;"
                        + " peak heap %.0f MB (max heap %.0f MB)%n",
                calls, ms, ms / 50.0, finished.get(), peak / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }
}

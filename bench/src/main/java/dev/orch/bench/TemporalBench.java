package dev.orch.bench;

import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.Env;
import dev.orch.temporal.OrchActivitiesImpl;
import dev.orch.temporal.OrchWorkflow;
import dev.orch.temporal.OrchWorkflowImpl;
import dev.orch.temporal.PlanHash;
import dev.orch.temporal.RunInput;
import dev.orch.temporal.RunOutcome;
import dev.orch.temporal.WorkerSetup;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Temporal: a parallel `for` of 1,000 mock calls of 50 ms, run on Temporal's in-process test service (one worker in
 * this JVM) and, interleaved, by the local engine in the same process. Makespan over the critical path (50 ms: the
 * calls are independent), and what each call costs on Temporal beyond what it costs locally.
 */
final class TemporalBench {
    private static final String QUEUE = "orch-bench";
    private static final int CALLS = 1_000;
    private static final double CRITICAL_MS = 50;

    private TemporalBench() {}

    static void run() throws Exception {
        String script = """
                model m = mock(latency: 50ms, rules: { "^": "ok" })
                agent a { model: m }
                workflow main(xs: list) {
                  ys = for x in xs parallel {
                    a("call {x}")
                  }
                  print len(ys)
                }
                """;
        Plan plan = Runs.plan(script);
        String json = PlanJson.write(plan);
        String args = "{\"xs\": [" + String.join(", ", java.util.stream.IntStream.range(0, CALLS).mapToObj(Integer::toString).toList()) + "]}";
        var options = Runs.options(RunListener.NONE);
        Path root = Files.createTempDirectory("orch-bench-temporal");
        TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(true).build())
                .build());
        try {
            Worker worker = temporal.newWorker(QUEUE);
            worker.registerWorkflowImplementationTypes(OrchWorkflowImpl.class);
            worker.registerActivitiesImplementations(new OrchActivitiesImpl(new WorkerSetup(root, Set.of(), Env.system(), null)));
            temporal.start();
            WorkflowClient client = temporal.getWorkflowClient();
            AtomicInteger ids = new AtomicInteger();
            Row.note("temporal: %,d calls of 50 ms in a parallel for, in-process test service, load %s", CALLS, load());
            Map<String, Samples> s = new Interleaved()
                    .add("temporal", Trial.timed(() -> {
                        OrchWorkflow run = client.newWorkflowStub(OrchWorkflow.class, WorkflowOptions.newBuilder()
                                .setTaskQueue(QUEUE).setWorkflowId("bench-" + ids.incrementAndGet()).build());
                        RunOutcome outcome = run.run(new RunInput(json, PlanHash.of(json), "main", args, "bench", List.of()));
                        if (outcome.error() != null) throw new IllegalStateException("the run on Temporal failed: " + outcome.message());
                    }))
                    .add("local", Trial.timed(() -> Runs.run(plan, Map.of("xs", Runs.numbers(CALLS)), options)))
                    .run(1, 5);
            Samples onTemporal = s.get("temporal");
            Samples local = s.get("local");
            new Row("Temporal: makespan / critical path, parallel for, mock 50 ms, in-process test service",
                    String.format(Locale.ROOT, "%,d calls (critical path 50 ms)", CALLS),
                    Row.ratio(onTemporal.median() / CRITICAL_MS) + " / " + Row.ratio(onTemporal.best() / CRITICAL_MS),
                    Row.ratio(local.median() / CRITICAL_MS) + " / " + Row.ratio(local.best() / CRITICAL_MS) + " (local engine)",
                    Row.ms(onTemporal) + " on Temporal, " + Row.ms(local) + " locally: " + Row.ratio(onTemporal.median() / local.median())
                            + "; load " + load(),
                    "reported", true).print();
            double perCall = (onTemporal.median() - local.median()) / CALLS;
            new Row("Temporal: per-call overhead over the local engine", String.format(Locale.ROOT, "%,d calls", CALLS),
                    String.format(Locale.ROOT, "%.2f ms a call", onTemporal.median() / CALLS),
                    String.format(Locale.ROOT, "%.3f ms a call (local engine)", local.median() / CALLS),
                    String.format(Locale.ROOT, "+%.2f ms a call (activity, history, workflow task); load %s", perCall, load()),
                    "reported", true).print();
        } finally {
            temporal.close();
        }
    }

    /** The 1-minute load average: the machine is shared, so each row says how busy it was. */
    private static String load() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}

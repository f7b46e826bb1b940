package dev.orch.bench;

import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.interpreter.events.RunListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Makespan: a random `dag` of 1,000 and 10,000 mock calls of 1 to 20 ms, run to the end; the wall time divided by
 * the critical path the compiler computed (the plan's estimate latency_ms). 1.00 would be a perfect scheduler on
 * infinitely many cores. The baseline runs the same graph as CompletableFutures on virtual threads, each call a bare
 * sleep of its latency, in the same process: what the JVM itself achieves on this machine.
 */
final class MakespanBench {
    /** Issue 19 tightened the target at 10,000 calls to the CompletableFuture graph's own 1.03x. */
    static final double TARGET = 1.05;
    static final double TARGET_AT_10K = 1.03;

    private MakespanBench() {}

    static void run() throws Exception {
        measure(1_000, 2, 9);
        measure(10_000, 2, 11);
    }

    private static void measure(int calls, int warmups, int rounds) throws Exception {
        Plan plan = Runs.plan(Scripts.randomDag(calls, 7));
        double critical = plan.estimate().latencyMs();
        var options = Runs.options(RunListener.NONE);
        Row.note("makespan: %,d calls, critical path %.0f ms over %d calls", calls, critical, plan.criticalPath().size());
        Map<String, Samples> s = new Interleaved()
                .add("orch", () -> Trial.timed(() -> Runs.run(plan, Map.of(), options)).run() / critical)
                .add("futures", () -> Trial.timed(() -> futures(plan)).run() / critical)
                .run(warmups, rounds);
        Samples orch = s.get("orch");
        Samples futures = s.get("futures");
        new Row("makespan / critical path: random dag, mock latencies 1-20 ms",
                String.format(Locale.ROOT, "%,d calls (critical path %.0f ms, %d calls)", calls, critical, plan.criticalPath().size()),
                ratios(orch), ratios(futures) + " (CompletableFuture graph)",
                Row.ratio(orch.median()) + " of the critical path; " + Row.ratio(orch.median() / futures.median()) + " the baseline's",
                "<= " + Row.ratio(target(calls)), orch.median() <= target(calls)).print();
    }

    private static double target(int calls) {
        return calls >= 10_000 ? TARGET_AT_10K : TARGET;
    }

    private static String ratios(Samples s) {
        return Row.ratio(s.median()) + " / " + Row.ratio(s.best());
    }

    /** The dag as a graph of futures: each call sleeps its model's latency once the calls it reads have finished. */
    private static void futures(Plan plan) {
        WorkflowPlan main = plan.workflow("main");
        Node.Dag dag = (Node.Dag) main.nodes().get(0);
        Map<String, Node.Call> calls = new HashMap<>();
        for (Node n : main.nodes()) if (n instanceof Node.Call c) calls.put(c.id(), c);
        Map<String, Long> latency = new HashMap<>();
        plan.models().forEach(m -> latency.put(m.name(), m.mock().latencyMs()));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, CompletableFuture<Void>> done = new HashMap<>();
            for (String id : topological(dag)) {
                List<String> inputs = dag.inputs().getOrDefault(id, List.of());
                long ms = latency.get(calls.get(id).model());
                CompletableFuture<?>[] before = inputs.stream().map(done::get).toArray(CompletableFuture[]::new);
                done.put(id, CompletableFuture.allOf(before).thenRunAsync(() -> sleep(ms), threads));
            }
            CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new)).join();
        }
    }

    /** The body's ids ordered so that every statement comes after its inputs (Kahn's algorithm). */
    private static List<String> topological(Node.Dag dag) {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> readers = new HashMap<>();
        for (String id : dag.body()) {
            List<String> inputs = dag.inputs().getOrDefault(id, List.of());
            waiting.put(id, inputs.size());
            for (String in : inputs) readers.computeIfAbsent(in, k -> new ArrayList<>()).add(id);
        }
        ArrayDeque<String> ready = new ArrayDeque<>();
        dag.body().stream().filter(id -> waiting.get(id) == 0).forEach(ready::add);
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String r : readers.getOrDefault(id, List.of())) if (waiting.merge(r, -1, Integer::sum) == 0) ready.add(r);
        }
        return order;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

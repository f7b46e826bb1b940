package dev.orch.bench;

import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.MockProvider;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scheduler overhead: 10,000 zero-latency mock calls as a `parallel for`, as a `dag` and as a sequence, and a
 * 100,000-call `parallel for` fan-out; wall time divided by the number of calls with nothing subtracted. Baselines in
 * the same process: as many virtual threads calling the mock provider directly (for the concurrent shapes), and a
 * plain loop calling it (for the sequence).
 */
final class SchedulerBench {
    static final int CALLS = 10_000;
    static final int FAN_OUT = 100_000;
    static final double TARGET_US = 20;

    private SchedulerBench() {}

    static void run() throws Exception {
        Plan parallelFor = Runs.plan(Scripts.parallelFor());
        Plan dag = Runs.plan(Scripts.independentDag(CALLS));
        Plan sequence = Runs.plan(Scripts.sequence(CALLS));
        Map<String, Value> xs = Map.of("xs", Runs.numbers(CALLS));
        Map<String, Value> wide = Map.of("xs", Runs.numbers(FAN_OUT));
        Map<String, Value> none = Map.of();
        var options = Runs.options(RunListener.NONE);
        Value result = Runs.run(parallelFor, xs, options).result();
        if (!(result instanceof Value.Num n) || n.value() != CALLS) throw new IllegalStateException("expected " + CALLS + " replies, got " + result);

        Map<String, Samples> s = new Interleaved()
                .add("parallel for", Trial.timed(() -> Runs.run(parallelFor, xs, options)))
                .add("dag", Trial.timed(() -> Runs.run(dag, none, options)))
                .add("sequence", Trial.timed(() -> Runs.run(sequence, none, options)))
                .add("virtual threads", Trial.timed(() -> virtualThreads(CALLS)))
                .add("loop", Trial.timed(SchedulerBench::loop))
                .run(5, 15);
        row("parallel for", CALLS, s.get("parallel for"), s.get("virtual threads"), "virtual thread a call");
        row("dag", CALLS, s.get("dag"), s.get("virtual threads"), "virtual thread a call");
        row("sequence", CALLS, s.get("sequence"), s.get("loop"), "plain loop");

        Map<String, Samples> f = new Interleaved()
                .add("fan-out", Trial.timed(() -> Runs.run(parallelFor, wide, options)))
                .add("virtual threads", Trial.timed(() -> virtualThreads(FAN_OUT)))
                .run(3, 11);
        row("parallel for (fan-out)", FAN_OUT, f.get("fan-out"), f.get("virtual threads"), "virtual thread a call");
    }

    private static void row(String shape, int calls, Samples orch, Samples baseline, String baselineName) {
        double us = micros(orch.median(), calls);
        new Row("scheduler overhead: zero-latency mock calls as a " + shape, String.format(Locale.ROOT, "%,d calls", calls),
                perCall(orch, calls), perCall(baseline, calls) + " (" + baselineName + ")",
                String.format(Locale.ROOT, "%.1f µs a call (%.1f µs over the baseline)", us, us - micros(baseline.median(), calls)),
                "< " + Row.figure(TARGET_US) + " µs a call", us < TARGET_US).print();
    }

    private static double micros(double ms, int calls) {
        return ms * 1000 / calls;
    }

    private static String perCall(Samples s, int calls) {
        return String.format(Locale.ROOT, "%.1f / %.1f µs a call", micros(s.median(), calls), micros(s.best(), calls));
    }

    private static CompletionRequest request(int i) {
        return new CompletionRequest(null, null, "call " + i, null, null, false, null, CompletionRequest.TokenListener.NONE);
    }

    /** What a hand-written program does: one virtual thread per call, then wait for all. */
    private static void virtualThreads(int calls) throws InterruptedException {
        Provider provider = new MockProvider("m", null);
        List<Thread> threads = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    provider.complete(request(index));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) t.join();
    }

    private static void loop() throws Exception {
        Provider provider = new MockProvider("m", null);
        for (int i = 0; i < CALLS; i++) provider.complete(request(i));
    }
}

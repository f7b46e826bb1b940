package dev.orch.bench;

import dev.orch.compiler.plan.MockSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.MockProvider;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.value.Value;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory: 100,000 mock calls in flight at once (a `parallel for` without a cap over calls that take 10 s, so every
 * one has started before the first ends). Reported: the peak heap the GC saw during the run (garbage included: what
 * the JVM had to find room for), and the live heap with all 100,000 in flight (a full GC at that moment), against
 * 100,000 bare virtual threads blocked in the same provider call. bench/run gives this JVM -Xmx1g, so finishing at
 * all is the pass.
 */
final class MemoryBench {
    static final int CALLS = 100_000;
    static final long LATENCY_MS = 10_000;
    static final double LIMIT_MB = 1024;
    private static final double MB = 1024 * 1024;

    private MemoryBench() {}

    private record Figures(double peakMb, double liveMb) {}

    static void run() throws Exception {
        Plan plan = Runs.plan("model slow = mock(latency: " + LATENCY_MS + "ms)\nagent a { model: slow }\n" + """
                workflow main(xs: list) {
                  ys = for x in xs parallel {
                    a("call {x}")
                  }
                  return len(ys)
                }
                """);
        List<Figures> orch = new ArrayList<>();
        List<Figures> bare = new ArrayList<>();
        orchRun(plan, 500);
        bareRun(500);
        for (int round = 0; round < 2; round++) {
            orch.add(orchRun(plan, CALLS));
            bare.add(bareRun(CALLS));
        }
        Figures o = worst(orch);
        Figures b = worst(bare);
        double max = Runtime.getRuntime().maxMemory() / MB;
        new Row("memory: calls in flight at once (mock, 10 s each)", String.format(Locale.ROOT, "%,d calls, -Xmx%.0fm", CALLS, max),
                String.format(Locale.ROOT, "peak %.0f MB, live %.0f MB", o.peakMb(), o.liveMb()),
                String.format(Locale.ROOT, "peak %.0f MB, live %.0f MB (virtual threads)", b.peakMb(), b.liveMb()),
                String.format(Locale.ROOT, "%.1f KB live a call in flight (%.1f KB bare)", o.liveMb() * 1024 / CALLS, b.liveMb() * 1024 / CALLS),
                String.format(Locale.ROOT, "peak < %.0f MB", LIMIT_MB), o.peakMb() < LIMIT_MB).print();
    }

    private static Figures worst(List<Figures> all) {
        return new Figures(all.stream().mapToDouble(Figures::peakMb).max().orElseThrow(),
                all.stream().mapToDouble(Figures::liveMb).max().orElseThrow());
    }

    private static Figures orchRun(Plan plan, int calls) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch allStarted = new CountDownLatch(calls);
        RunListener listener = e -> {
            if (e instanceof RunEvent.TaskStarted) {
                inFlight.incrementAndGet();
                allStarted.countDown();
            } else if (e instanceof RunEvent.TaskFinished) {
                inFlight.decrementAndGet();
            }
        };
        Map<String, Value> xs = Map.of("xs", Runs.numbers(calls));
        return measure(calls, allStarted, inFlight, () -> Runs.run(plan, xs, Runs.options(listener)));
    }

    private static Figures bareRun(int calls) throws Exception {
        Provider provider = new MockProvider("slow", new MockSpec(List.of(), LATENCY_MS, null, null, null, null));
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch allStarted = new CountDownLatch(calls);
        return measure(calls, allStarted, inFlight, () -> {
            List<Thread> threads = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                String prompt = "call " + i;
                threads.add(Thread.ofVirtual().start(() -> {
                    inFlight.incrementAndGet();
                    allStarted.countDown();
                    try {
                        provider.complete(new CompletionRequest(null, null, prompt, null, null, false, null,
                                CompletionRequest.TokenListener.NONE));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }));
            }
            for (Thread t : threads) t.join();
        });
    }

    /** Runs {@code work} on its own thread; once every call has started, a full GC gives the live heap. */
    private static Figures measure(int calls, CountDownLatch allStarted, AtomicInteger inFlight, Trial.Work work) throws Exception {
        System.gc();
        long before = heapUsed();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicLong failed = new AtomicLong();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                work.run();
            } catch (Exception e) {
                failed.incrementAndGet();
                e.printStackTrace();
            }
        });
        allStarted.await();
        int atOnce = inFlight.get();
        System.gc();
        long live = heapUsed() - before;
        runner.join();
        if (failed.get() > 0) throw new IllegalStateException("the run failed");
        if (atOnce < calls) throw new IllegalStateException("only " + atOnce + " of " + calls + " calls were in flight at once");
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return new Figures(peak / MB, live / MB);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

package dev.orch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A fixed number of virtual threads taking call numbers from one counter: the bare baseline loops of the benches. */
final class Workers {
    @FunctionalInterface
    interface Call {
        void send(int index) throws Exception;
    }

    private Workers() {}

    /** Sends calls 0 to calls-1 from concurrency threads; fails after all have run if any call failed. */
    static void run(int calls, int concurrency, Call call) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>(concurrency);
        for (int w = 0; w < concurrency; w++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i; (i = next.getAndIncrement()) < calls; ) {
                    try {
                        call.send(i);
                    } catch (Exception e) {
                        if (failures.incrementAndGet() == 1) e.printStackTrace();
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
        if (failures.get() > 0) throw new IllegalStateException(failures.get() + " calls failed");
    }
}

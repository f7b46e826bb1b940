package dev.orch.stdlib.provider.limit;

import static dev.orch.stdlib.provider.Models.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.stdlib.provider.Completion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LimitedProviderTest {
    @Test
    void maxConcurrencyBoundsTheCallsInFlight() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        LimitedProvider model = new LimitedProvider(request -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(20);
            inFlight.decrementAndGet();
            return new Completion("ok", 1, 1, "m");
        }, 3, null, null, TimeSource.SYSTEM);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    model.complete(ask("hi"));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (Thread t : callers) t.join(Duration.ofSeconds(5));
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    @Timeout(10)
    void tpmIsChargedWhatTheReplyReallyUsed() throws Exception {
        SimulatedTime time = new SimulatedTime();
        LimitedProvider model = new LimitedProvider(request -> new Completion("ok", 700, 300, "m"), null, null, 10_000,
                time);
        long start = time.nanoTime();

        for (int i = 0; i < 5; i++) model.complete(ask("hi"));

        // Each call reserves its worst case (4097 tokens) but is charged 1000, so five fit in the first minute;
        // charged their worst case, the third would wait for the next minute.
        assertThat(time.nanoTime()).isEqualTo(start);
    }
}

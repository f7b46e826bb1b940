package dev.orch.stdlib.provider.http;

import static dev.orch.stdlib.provider.Models.ENV;
import static dev.orch.stdlib.provider.Models.ask;
import static dev.orch.stdlib.provider.Models.limited;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.limit.SimulatedTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * `rpm: 60` under a storm of 429s: six callers retry as fast as Retry-After lets them, and the server must never see
 * more than 60 requests in any rolling minute. Time is simulated, so four minutes of traffic take well under a second.
 */
class RateLimitStormTest {
    static final int CALLERS = 6;
    static final int ATTEMPTS = 40;

    @Test
    @Timeout(120)
    void aModelWithRpm60NeverSendsMoreThan60RequestsInAnyMinute() throws Exception {
        SimulatedTime time = new SimulatedTime();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    arrivals.add(time.nanoTime());
                    return new MockResponse().setResponseCode(429).setHeader("Retry-After", "1")
                            .setBody("{\"error\": {\"message\": \"Rate limit reached\", \"code\": \"rate_limit_exceeded\"}}");
                }
            });
            server.start();
            Provider model = HttpProviders.create(limited("openai", "gpt-4o", server.url("/v1").toString(), null, 60,
                    null), ENV, time);
            List<Thread> callers = new ArrayList<>();
            List<Throwable> surprises = new CopyOnWriteArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                time.join();
                callers.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                            try {
                                model.complete(ask("hello"));
                            } catch (ProviderException e) {
                                if (e.kind() != ErrorKind.RATE_LIMIT) throw e;
                                time.sleepUntil(time.nanoTime() + e.retryAfter().toNanos());
                            }
                        }
                    } catch (Throwable e) {
                        surprises.add(e);
                    } finally {
                        time.leave();
                    }
                }));
            }
            while (time.advanceWhenAllAsleep(Duration.ofSeconds(20))) { }
            for (Thread t : callers) t.join();

            assertThat(surprises).isEmpty();
            assertThat(arrivals).hasSize(CALLERS * ATTEMPTS);
            assertThat(busiestMinute(arrivals)).isEqualTo(60);
        }
    }

    private static int busiestMinute(List<Long> arrivals) {
        List<Long> sorted = new ArrayList<>(arrivals);
        Collections.sort(sorted);
        long minute = Duration.ofMinutes(1).toNanos();
        int busiest = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (j < sorted.size() && sorted.get(j) - sorted.get(i) < minute) j++;
            busiest = Math.max(busiest, j - i);
        }
        return busiest;
    }
}

package dev.orch.stdlib.provider.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateWindowTest {
    SimulatedTime time = new SimulatedTime();

    @Test
    void theCallPastTheLimitWaitsUntilTheOldestLeavesTheWindow() throws Exception {
        RateWindow window = RateWindow.perMinute(3, time);
        long start = time.nanoTime();
        window.acquire(1);
        time.advance(Duration.ofSeconds(10));
        window.acquire(1);
        window.acquire(1);

        time.join();
        Thread fourth = Thread.ofVirtual().start(() -> {
            try {
                window.acquire(1);
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            } finally {
                time.leave();
            }
        });
        assertThat(time.advanceWhenAllAsleep(Duration.ofSeconds(5))).isTrue();
        fourth.join();

        assertThat(Duration.ofNanos(time.nanoTime() - start)).isEqualTo(Duration.ofMinutes(1));
        assertThat(window.used()).isEqualTo(3);
    }

    @Test
    void settlingReplacesTheEstimateWithWhatWasUsed() throws Exception {
        RateWindow tokens = RateWindow.perMinute(1000, time);
        RateWindow.Permit call = tokens.acquire(900);
        assertThat(tokens.used()).isEqualTo(900);

        call.settle(120);

        assertThat(tokens.used()).isEqualTo(120);
        tokens.acquire(880);
        assertThat(tokens.used()).isEqualTo(1000);
    }

    @Test
    void oneRequestLargerThanTheWholeLimitPassesAloneRatherThanWaitingForever() throws Exception {
        RateWindow tokens = RateWindow.perMinute(1000, time);
        tokens.acquire(5000);
        assertThat(tokens.used()).isEqualTo(1000);
        time.advance(Duration.ofMinutes(1));
        assertThat(tokens.used()).isZero();
    }
}

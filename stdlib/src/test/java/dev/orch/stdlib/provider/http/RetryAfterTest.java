package dev.orch.stdlib.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void secondsDatesAndMilliseconds() {
        assertThat(RetryAfter.parse("20", NOW)).isEqualTo(Duration.ofSeconds(20));
        assertThat(RetryAfter.parse("1.5", NOW)).isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryAfter.parse("Wed, 25 Nov 2026 09:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Wed, 25 Nov 2026 08:59:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.from(Headers.of("retry-after-ms", "250", "retry-after", "1"), NOW))
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void absentOrUnreadableIsNull() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-3", NOW)).isNull();
        assertThat(RetryAfter.from(Headers.of(), NOW)).isNull();
    }
}

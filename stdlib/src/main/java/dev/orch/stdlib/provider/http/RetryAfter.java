package dev.orch.stdlib.provider.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;

/**
 * How long a server asked us to wait: `retry-after-ms` (OpenAI's, more precise) or `Retry-After` as seconds or as an
 * HTTP date (RFC 9110). Null when absent or unreadable; never negative.
 */
final class RetryAfter {
    private RetryAfter() {}

    static Duration from(Headers headers, Instant now) {
        Duration ms = millis(headers.get("retry-after-ms"));
        if (ms != null) return ms;
        return parse(headers.get("retry-after"), now);
    }

    static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            return seconds < 0 || Double.isNaN(seconds) ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Duration millis(String value) {
        if (value == null) return null;
        try {
            double ms = Double.parseDouble(value.strip());
            return ms < 0 || Double.isNaN(ms) ? null : Duration.ofMillis((long) Math.ceil(ms));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package dev.orch.interpreter.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One run as the store knows it. {@code status} is already inferred: a run recorded as running whose process is
 * gone reads as {@link RunStatus#KILLED}. {@code endedAt} and {@code error} are null while it runs; {@code updatedAt}
 * is when the store last heard from it (a killed run died soon after). The plan itself
 * is not carried here (it can be large); {@link RunStore#planJson(String)} reads it.
 */
public record RunRecord(
        String id,
        String script,
        String planSha256,
        Map<String, String> args,
        RunStatus status,
        Instant startedAt,
        Instant endedAt,
        Instant updatedAt,
        long pid,
        String host,
        Totals totals,
        String error) {

    /** How long it ran; for a run still going, until {@code now}; for a killed one, until it was last heard from. */
    public Duration duration(Instant now) {
        Instant end = endedAt != null ? endedAt : status == RunStatus.KILLED ? updatedAt : now;
        return Duration.between(startedAt, end);
    }
}

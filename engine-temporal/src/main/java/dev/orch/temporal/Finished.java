package dev.orch.temporal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How one activity of a run ended, as a run that continued as new replays it: its result, or the Orch error a
 * worker gave (kind, message, Retry-After), so a `retry` around it takes the same path again.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = Finished.Result.class, name = "result"),
        @JsonSubTypes.Type(value = Finished.Failed.class, name = "failed")})
sealed interface Finished {
    record Result(String value) implements Finished {}

    record Failed(String type, String message, long retryAfterMs) implements Finished {}
}

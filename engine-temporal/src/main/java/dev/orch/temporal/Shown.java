package dev.orch.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.JsonMappers;
import java.util.List;

/**
 * What a run had shown its followers when it continued as new: its events' keys in order ({@link ProgressLog}) and
 * what it printed ({@link Printed}). The new run starts its progress log and output from these, so the offsets a
 * follower holds stay good and what the replay shows again is not shown twice.
 */
record Shown(List<String> events, String stdout) {
    private static final ObjectMapper JSON = JsonMappers.base().build();

    /** What the run this one continues had shown (null or empty {@code json}: nothing, a new run). */
    static Shown read(String json) {
        if (json == null || json.isEmpty()) return new Shown(null, null);
        try {
            return JSON.readValue(json, Shown.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("what the run this one continues showed cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    String write() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode what the run showed", e);
        }
    }
}

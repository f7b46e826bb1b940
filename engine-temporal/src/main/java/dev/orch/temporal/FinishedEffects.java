package dev.orch.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run has finished, by key, carried from a run to the run it continues as (continue-as-new): the new run
 * runs the plan again from its start and takes each finished activity's outcome from here instead of doing it
 * again. A key is the sha256 of what the activity is asked (its type and arguments) with the number of times the
 * same was asked before in the run, so a loop that asks the same thing 3,000 times has 3,000 keys; the order in
 * which parallel branches ask identical things may differ between runs, which only swaps identical requests.
 */
final class FinishedEffects {
    private static final ObjectMapper JSON = JsonMappers.base().build();
    private static final TypeReference<LinkedHashMap<String, Finished>> ENTRIES = new TypeReference<>() {};

    private final Map<String, Finished> done;
    private final Map<String, Integer> asked = new HashMap<>();

    private FinishedEffects(Map<String, Finished> done) {
        this.done = done;
    }

    static FinishedEffects none() {
        return new FinishedEffects(new LinkedHashMap<>());
    }

    /** The effects a run carried over (null or empty: none). */
    static FinishedEffects read(String json) {
        if (json == null || json.isEmpty()) return none();
        try {
            return new FinishedEffects(JSON.readValue(json, ENTRIES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the finished effects carried to this run cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    String write() {
        try {
            return JSON.writerFor(ENTRIES).writeValueAsString(done);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the run's finished effects", e);
        }
    }

    /** The key of the next activity of {@code type} with these arguments. */
    String key(String type, List<String> args) {
        StringBuilder what = new StringBuilder(type);
        for (String a : args) what.append('\u0000').append(a == null ? "\u0001" : a);
        String sha = BlobStore.sha256(what.toString().getBytes(StandardCharsets.UTF_8));
        return sha + "#" + asked.merge(sha, 1, Integer::sum);
    }

    Finished earlier(String key) {
        return done.get(key);
    }

    void record(String key, Finished outcome) {
        done.put(key, outcome);
    }

    int size() {
        return done.size();
    }
}

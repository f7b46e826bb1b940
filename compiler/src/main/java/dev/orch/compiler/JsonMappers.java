package dev.orch.compiler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration of the program: every module reads and writes JSON through these mappers (plans add
 * their own naming on top of {@link #base()}), so what one part writes another reads the same way.
 */
public final class JsonMappers {
    /** Replies, tool arguments, stored rows, `json()`: a text holds one JSON value; anything after it is an error. */
    public static final ObjectMapper DATA = base().build();

    /** {@link #DATA} with map entries in key order, for bytes that must not depend on insertion order (cache keys). */
    public static final ObjectMapper CANONICAL = base().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private JsonMappers() {}

    /**
     * Jackson's default keeps a parser's and a generator's buffers in a thread local, which a virtual thread a task
     * (every Orch branch) never reuses: each call allocated them afresh (about 16 KB for one reply read and one request
     * written). A pool shared by all threads, bounded, hands them back.
     */
    public static JsonMapper.Builder base() {
        JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build();
        return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}

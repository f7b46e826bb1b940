package dev.orch.compiler.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A map as seen inside a nested block: what the block changed, over what its enclosing block held when the block
 * began. It reads as a copy of the enclosing map, but costs only what the block changes, so a long workflow of many
 * small blocks is not quadratic. The enclosing map must not change while the block's view is in use.
 */
final class Layered<V> {
    /** Marks a key removed in this layer though an enclosing one holds it. */
    private static final Object REMOVED = new Object();

    private final Layered<V> enclosing;
    private final Map<String, Object> own = new LinkedHashMap<>();

    private Layered(Layered<V> enclosing) {
        this.enclosing = enclosing;
    }

    static <V> Layered<V> empty() {
        return new Layered<>(null);
    }

    /** A view for a nested block: starts as this map; its changes stay in it. */
    Layered<V> nested() {
        return new Layered<>(this);
    }

    @SuppressWarnings("unchecked")
    V get(String key) {
        for (Layered<V> l = this; l != null; l = l.enclosing) {
            Object v = l.own.get(key);
            if (v != null) return v == REMOVED ? null : (V) v;
        }
        return null;
    }

    boolean containsKey(String key) {
        return get(key) != null;
    }

    void put(String key, V value) {
        own.put(key, value);
    }

    /** Puts the value when the key has none; returns the value it had. */
    V putIfAbsent(String key, V value) {
        V old = get(key);
        if (old == null) own.put(key, value);
        return old;
    }

    void remove(String key) {
        if (enclosing != null && enclosing.containsKey(key)) own.put(key, REMOVED);
        else own.remove(key);
    }

    /** The entries this layer set that are still in it, in the order they were set: what the block changed. */
    @SuppressWarnings("unchecked")
    void forEachChanged(BiConsumer<String, V> action) {
        own.forEach((k, v) -> {
            if (v != REMOVED) action.accept(k, (V) v);
        });
    }

    /** Every key the map holds, this layer's and the enclosing ones'. */
    List<String> keys() {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Layered<V> l = this; l != null; l = l.enclosing) {
            l.own.forEach((k, v) -> {
                if (seen.add(k) && v != REMOVED) out.add(k);
            });
        }
        return out;
    }
}

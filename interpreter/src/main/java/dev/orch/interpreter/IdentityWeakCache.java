package dev.orch.interpreter;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values computed once per key object, the key compared by identity (a plan record's own equals and hashCode would
 * walk its every node) and held weakly: a value is dropped once its key is garbage, so it must not refer to its key.
 */
final class IdentityWeakCache<K, V> {
    private final ConcurrentHashMap<Key<K>, V> values = new ConcurrentHashMap<>();
    private final ReferenceQueue<K> gone = new ReferenceQueue<>();

    V get(K key, Function<K, V> compute) {
        for (Reference<? extends K> r; (r = gone.poll()) != null; ) values.remove(r);
        V v = values.get(new Key<>(key, null));
        if (v != null) return v;
        V made = compute.apply(key);
        V raced = values.putIfAbsent(new Key<>(key, gone), made);
        return raced != null ? raced : made;
    }

    int size() {
        return values.size();
    }

    private static final class Key<K> extends WeakReference<K> {
        private final int hash;

        Key(K key, ReferenceQueue<K> queue) {
            super(key, queue);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) return true;
            if (!(o instanceof Key<?> other)) return false;
            Object k = get();
            return k != null && k == other.get();
        }
    }
}

package dev.orch.interpreter;

import dev.orch.stdlib.value.Value;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names a workflow can see. A workflow has one scope; `for` and `loop` iterations get a child scope whose names
 * vanish afterwards, and `retry` attempts, `race` branches and `try` parts get a child whose names are committed
 * to the parent only when that part succeeds (so a failed attempt's names never clash with the next attempt's).
 * Branches of `parallel` and `dag` write the same scope concurrently, so reads take no lock and writes are atomic.
 */
final class Scope {
    /**
     * Most scopes are an iteration's or an attempt's and hold a name or two: those names sit in a small array,
     * replaced whole on each write (a map per iteration was a tenth of a 100,000-call fan-out's profile). A scope
     * that grows past this many names moves them to a concurrent map.
     */
    private static final int SMALL = 8;
    private static final Slot[] NONE = new Slot[0];

    private final Scope parent;
    private volatile Slot[] small = NONE;
    private volatile Map<String, Slot> large;

    private static final class Slot {
        final String name;
        volatile Value value;
        final boolean mutable;

        Slot(String name, Value value, boolean mutable) {
            this.name = name;
            this.value = value;
            this.mutable = mutable;
        }
    }

    Scope(Scope parent) {
        this.parent = parent;
    }

    Scope child() {
        return new Scope(this);
    }

    /** Null when the name is not assigned (the checker makes that impossible for a compiled plan). */
    Value get(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Slot slot = s.slot(name);
            if (slot != null) return slot.value;
        }
        return null;
    }

    /** `var x = v` declares here; `x = v` updates the nearest `var x`, or else declares an immutable x here. */
    void assign(String name, Value value, boolean declaresVar) {
        if (!declaresVar) {
            for (Scope s = this; s != null; s = s.parent) {
                Slot slot = s.slot(name);
                if (slot != null && slot.mutable) {
                    slot.value = value;
                    return;
                }
            }
        }
        put(new Slot(name, value, declaresVar));
    }

    /** This scope's own names and their values, in no particular order. */
    Map<String, Value> names() {
        Map<String, Value> names = new HashMap<>();
        Map<String, Slot> map = large;
        if (map != null) map.forEach((name, slot) -> names.put(name, slot.value));
        else for (Slot slot : small) names.put(slot.name, slot.value);
        return names;
    }

    /** Moves this child's names into its parent, except {@code except} (a `catch ... as e` name); may be null. */
    void commit(String except) {
        Map<String, Slot> map = large;
        for (Slot slot : map != null ? map.values().toArray(NONE) : small) {
            if (!slot.name.equals(except)) parent.put(slot);
        }
    }

    private Slot slot(String name) {
        Map<String, Slot> map = large;
        if (map != null) return map.get(name);
        for (Slot slot : small) if (slot.name.equals(name)) return slot;
        // Moved to the map between the two reads: look there.
        map = large;
        return map == null ? null : map.get(name);
    }

    private void put(Slot slot) {
        Map<String, Slot> map = large;
        if (map != null) {
            map.put(slot.name, slot);
            return;
        }
        synchronized (this) {
            if (large != null) {
                large.put(slot.name, slot);
                return;
            }
            Slot[] names = small;
            for (int i = 0; i < names.length; i++) {
                if (names[i].name.equals(slot.name)) {
                    Slot[] replaced = names.clone();
                    replaced[i] = slot;
                    small = replaced;
                    return;
                }
            }
            if (names.length < SMALL) {
                Slot[] grown = Arrays.copyOf(names, names.length + 1);
                grown[names.length] = slot;
                small = grown;
                return;
            }
            Map<String, Slot> moved = new ConcurrentHashMap<>();
            for (Slot s : names) moved.put(s.name, s);
            moved.put(slot.name, slot);
            large = moved;
        }
    }
}

package dev.orch.interpreter;

import dev.orch.stdlib.value.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names a workflow can see. A workflow has one scope; `for` and `loop` iterations get a child scope whose names
 * vanish afterwards, and `retry` attempts, `race` branches and `try` parts get a child whose names are committed
 * to the parent only when that part succeeds (so a failed attempt's names never clash with the next attempt's).
 * Branches of `parallel` and `dag` write the same scope concurrently, hence the concurrent map.
 */
final class Scope {
    private final Scope parent;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    private static final class Slot {
        volatile Value value;
        final boolean mutable;

        Slot(Value value, boolean mutable) {
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
            Slot slot = s.slots.get(name);
            if (slot != null) return slot.value;
        }
        return null;
    }

    /** `var x = v` declares here; `x = v` updates the nearest `var x`, or else declares an immutable x here. */
    void assign(String name, Value value, boolean declaresVar) {
        if (!declaresVar) {
            for (Scope s = this; s != null; s = s.parent) {
                Slot slot = s.slots.get(name);
                if (slot != null && slot.mutable) {
                    slot.value = value;
                    return;
                }
            }
        }
        slots.put(name, new Slot(value, declaresVar));
    }

    /** This scope's own names and their values, in no particular order. */
    Map<String, Value> names() {
        Map<String, Value> names = new HashMap<>();
        slots.forEach((name, slot) -> names.put(name, slot.value));
        return names;
    }

    /** Moves this child's names into its parent, except {@code except} (a `catch ... as e` name); may be null. */
    void commit(String except) {
        slots.forEach((name, slot) -> {
            if (!name.equals(except)) parent.slots.put(name, slot);
        });
    }
}

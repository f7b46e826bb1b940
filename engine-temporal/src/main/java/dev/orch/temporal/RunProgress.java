package dev.orch.temporal;

import java.util.List;

/**
 * What the `progress` query answers: the run's events from the offset asked for (each as {@link EventWire} writes
 * it) and the offset after them, what `print` wrote from the byte offset asked for and the offset after it, and the
 * questions pending now. A follower asks again from the ends it got, so each answer carries only what is new.
 */
public record RunProgress(List<String> events, int eventsEnd, String stdout, long stdoutEnd, List<Asked> waiting) {
    public RunProgress {
        events = events == null ? List.of() : List.copyOf(events);
        waiting = waiting == null ? List.of() : List.copyOf(waiting);
    }
}

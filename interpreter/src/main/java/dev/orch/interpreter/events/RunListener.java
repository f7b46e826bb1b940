package dev.orch.interpreter.events;

import java.util.List;

/**
 * Receives a run's events as they happen, from many threads at once. Progress, the trace and (later) the run
 * journal are listeners. Implementations must be thread-safe and quick: they run on the task's thread.
 */
@FunctionalInterface
public interface RunListener {
    RunListener NONE = new RunListener() {
        @Override
        public void event(RunEvent e) {}

        @Override
        public boolean wants(Class<? extends RunEvent> kind) {
            return false;
        }
    };

    void event(RunEvent e);

    /**
     * Whether this listener does anything with events of this kind. The interpreter asks once a run per kind and
     * does not build the events nobody wants, so a run nobody watches pays nothing for them.
     */
    default boolean wants(Class<? extends RunEvent> kind) {
        return true;
    }

    /** Whether this listener shows replies arriving; if any listener does, calls stream and report {@link #streamed}. */
    default boolean wantsTokens() {
        return false;
    }

    /**
     * Text of a running call's reply arrived: {@code text}, the next piece of it. Called on an HTTP thread, often, so
     * it must be cheaper still than {@link #event}.
     */
    default void streamed(String task, String text) {}

    /** Called once after run_finished: flush and release what the listener holds. */
    default void close() {}

    static RunListener all(List<RunListener> listeners) {
        return new RunListener() {
            @Override
            public void event(RunEvent e) {
                for (RunListener l : listeners) l.event(e);
            }

            @Override
            public boolean wants(Class<? extends RunEvent> kind) {
                for (RunListener l : listeners) if (l.wants(kind)) return true; // a loop: asked once a call, no stream
                return false;
            }

            @Override
            public boolean wantsTokens() {
                for (RunListener l : listeners) if (l.wantsTokens()) return true;
                return false;
            }

            @Override
            public void streamed(String task, String text) {
                for (RunListener l : listeners) l.streamed(task, text);
            }

            @Override
            public void close() {
                for (RunListener l : listeners) l.close();
            }
        };
    }
}

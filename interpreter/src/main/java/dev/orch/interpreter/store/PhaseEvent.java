package dev.orch.interpreter.store;

import java.time.Instant;

/**
 * A phase starting or finishing in a run, or the run being resumed ({@code name} is then the `--from` phase or
 * null). Phases are the points `orch resume --from` can name. {@code journalSeq}: the journal's last
 * {@link CallRecord#seq} when the event happened. A resume from a phase has a {@code cutSeq}: the calls journaled
 * after it and up to the resume's {@code journalSeq} are set aside (not replayed); null otherwise. A phase's finish
 * has an {@code outcome}: null when its body finished, else the error kind that ended it (`fail`, `cancelled`) or
 * `waiting` (null too for stores before version 4).
 */
public record PhaseEvent(long seq, String runId, Kind kind, String name, String taskKey, Instant at, long journalSeq,
                         Long cutSeq, String outcome) {

    /** Whether this event, a resume from a phase, set that call aside. */
    public boolean setsAside(CallRecord call) {
        return cutSeq != null && call.seq() > cutSeq && call.seq() <= journalSeq;
    }

    /** Whether this event, a resume, kept that call's reply: it was replayed rather than made again. */
    public boolean replays(CallRecord call) {
        return kind == Kind.RUN_RESUMED && call.succeeded() && call.seq() <= journalSeq && !setsAside(call);
    }

    public enum Kind {
        PHASE_STARTED("phase_started"), PHASE_FINISHED("phase_finished"), RUN_RESUMED("run_resumed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Kind fromLabel(String label) {
            for (Kind k : values()) if (k.label.equals(label)) return k;
            throw new IllegalArgumentException(label);
        }
    }
}

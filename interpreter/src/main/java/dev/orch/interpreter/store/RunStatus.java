package dev.orch.interpreter.store;

import java.util.Locale;

/**
 * Where a run stands. {@code KILLED} is never written: it is what a run recorded as running becomes when the
 * process that ran it is gone (crash, kill -9, power loss), so `orch resume` can pick it up.
 */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, KILLED,
    /** Suspended on a question for a person (`ask`): no process runs it; `orch answer` continues it. */
    WAITING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}

package dev.orch.temporal;

/** Temporal could not be used: not reachable, no such namespace, no such run. The message says which, for a user. */
public final class TemporalUnavailable extends Exception {
    public TemporalUnavailable(String message) {
        super(message, null, false, false);
    }
}

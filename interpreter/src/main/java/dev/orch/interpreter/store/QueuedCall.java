package dev.orch.interpreter.store;

/**
 * A call waiting in {@link RunStore}'s group commit: queued by its caller, written and settled by whichever caller
 * commits the batch holding it. Read by its caller only once {@link #isDone()}; the store's lock orders the writes
 * before that read.
 */
final class QueuedCall {
    private final CallRecord call;
    private final long queuedAt;
    private long seq;
    private RuntimeException failure;
    private volatile boolean done;

    QueuedCall(CallRecord call, long queuedAt) {
        this.call = call;
        this.queuedAt = queuedAt;
    }

    CallRecord call() {
        return call;
    }

    long queuedAt() {
        return queuedAt;
    }

    /** Written inside the batch's transaction; durable only once the batch commits. */
    void inserted(long seq) {
        this.seq = seq;
    }

    /** This call alone could not be journaled; the rest of the batch goes on. */
    void refused(RuntimeException e) {
        failure = e;
    }

    void committed() {
        done = true;
    }

    /** The batch's commit failed: the same exception reaches every caller in it. */
    void failed(RuntimeException e) {
        failure = e;
        done = true;
    }

    boolean isDone() {
        return done;
    }

    /** The call's place in the journal, or its caller's failure. */
    long seq() {
        if (failure != null) throw failure;
        return seq;
    }
}

package dev.orch.interpreter.store;

/**
 * A call waiting in {@link RunStore}'s group commit: queued by its caller, written and settled by whichever caller
 * commits the batch holding it. Read by its caller only once {@link #isDone()}; the store's lock orders the writes
 * before that read.
 */
final class QueuedCall {
    private final CallRecord call;
    private final String cacheKey;
    private final CachedReply cached;
    private final long queuedAt;
    private long seq;
    private RuntimeException failure;
    private volatile boolean done;

    /** {@code cached} (may be null): the reply cache entry written in the same transaction as the call. */
    QueuedCall(CallRecord call, String cacheKey, CachedReply cached, long queuedAt) {
        this.call = call;
        this.cacheKey = cacheKey;
        this.cached = cached;
        this.queuedAt = queuedAt;
    }

    CallRecord call() {
        return call;
    }

    String cacheKey() {
        return cacheKey;
    }

    CachedReply cached() {
        return cached;
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

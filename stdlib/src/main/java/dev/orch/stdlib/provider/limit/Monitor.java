package dev.orch.stdlib.provider.limit;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock with one condition, behind a seam: a budget's callers wait on it for calls in flight to settle. Locally it
 * is a {@link ReentrantLock}; in a durable workflow, where threads take turns and must never block the thread that
 * runs them, waiting is the engine's own (Temporal's Workflow.await) and the lock has nothing to do.
 */
public interface Monitor {
    void lock();

    void unlock();

    /**
     * Called holding the lock: releases it until {@link #signalAll} is called (or spuriously), then holds it again.
     * {@link InterruptedException} when the waiting code is cancelled.
     */
    void await() throws InterruptedException;

    /** Called holding the lock: wakes every waiter to look again. */
    void signalAll();

    static Monitor local() {
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        return new Monitor() {
            @Override
            public void lock() {
                lock.lock();
            }

            @Override
            public void unlock() {
                lock.unlock();
            }

            @Override
            public void await() throws InterruptedException {
                changed.await();
            }

            @Override
            public void signalAll() {
                changed.signalAll();
            }
        };
    }
}

package dev.orch.interpreter;

import dev.orch.stdlib.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * A small structured scope over virtual threads (StructuredTaskScope is a preview API in Java 21). Branches run one
 * virtual thread each; the group never returns before every thread it started has finished, so nothing leaks. With
 * {@code max}, at most that many branches run at once, started in index order. If the thread waiting on the group is
 * interrupted, every branch is interrupted and the group fails with `cancelled`.
 */
final class TaskGroup {
    enum Mode {
        /** The first failure interrupts the other branches and is rethrown. */
        FAIL_FAST,
        /** Every branch runs to its end; then all failures are reported together. */
        SETTLE,
        /** The first success interrupts the other branches; all failing is a failure with every error. */
        FIRST_SUCCESS
    }

    /** Each branch's value by index (null where it did not finish), and the race's winner (else -1). */
    record Result(Value[] values, int winner) {}

    /** How the caller words a cancellation and a failure of several branches. */
    interface Errors {
        RunError cancelled();

        RunError all(List<RunError> errors);
    }

    private record Outcome(int index, Value value, RuntimeException error) {}

    private final Mode mode;
    private final Value[] values;
    private final RuntimeException[] failures;
    private final BlockingQueue<Outcome> done = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private RuntimeException firstFailure;
    // Branches that stopped to wait for an answer: the others go on, and the group waits once all are done.
    private final List<Waiting> waiting = new ArrayList<>();
    private int winner = -1;
    private int finished;

    private TaskGroup(int count, Mode mode) {
        this.mode = mode;
        this.values = new Value[count];
        this.failures = new RuntimeException[count];
    }

    static Result run(int count, IntFunction<Value> branch, int max, Mode mode, Errors errors) {
        return new TaskGroup(count, mode).execute(count, branch, max, errors);
    }

    /**
     * A dag's statements, failing fast: branch i starts once every branch in {@code waitFor.get(i)} has finished. A
     * thread exists only for a statement that can run, so in a dag of thousands a ready statement never queues behind
     * the starts of statements that would only wait.
     */
    static Result runDag(List<List<Integer>> waitFor, IntFunction<Value> branch, Errors errors) {
        return new TaskGroup(waitFor.size(), Mode.FAIL_FAST).executeDag(waitFor, branch, errors);
    }

    private Result execute(int count, IntFunction<Value> branch, int max, Errors errors) {
        Semaphore permits = max > 0 ? new Semaphore(max) : null;
        boolean stop = false;
        boolean interrupted = false;
        try {
            for (int i = 0; i < count && !stop; i++) {
                while (!stop && permits != null && !permits.tryAcquire()) stop = record(done.take());
                if (stop) break;
                start(i, branch, permits);
                for (Outcome o; !stop && (o = done.poll()) != null; ) stop = record(o);
            }
            while (!stop && finished < threads.size()) stop = record(done.take());
        } catch (InterruptedException e) {
            interrupted = true;
            stop = true;
        } finally {
            interrupted |= awaitAll(stop);
        }
        return result(interrupted, errors);
    }

    private Result executeDag(List<List<Integer>> waitFor, IntFunction<Value> branch, Errors errors) {
        int n = waitFor.size();
        int[] waiting = new int[n];
        List<List<Integer>> readers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) readers.add(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            waiting[i] = waitFor.get(i).size();
            for (int j : waitFor.get(i)) readers.get(j).add(i);
        }
        boolean stop = false;
        boolean interrupted = false;
        try {
            for (int i = 0; i < n && !stop; i++) {
                if (waiting[i] > 0) continue;
                start(i, branch, null);
                for (Outcome o; !stop && (o = done.poll()) != null; ) stop = advance(o, readers, waiting, branch);
            }
            // A cycle (the compiler rejects them) would leave its statements unstarted rather than hang.
            while (!stop && finished < threads.size()) stop = advance(done.take(), readers, waiting, branch);
        } catch (InterruptedException e) {
            interrupted = true;
            stop = true;
        } finally {
            interrupted |= awaitAll(stop);
        }
        return result(interrupted, errors);
    }

    /** Records a dag statement's outcome and, unless the group stops, starts the readers it was the last input of. */
    private boolean advance(Outcome o, List<List<Integer>> readers, int[] waiting, IntFunction<Value> branch) {
        if (record(o)) return true;
        if (o.error() instanceof Waiting) return false; // its readers wait with it
        for (int r : readers.get(o.index())) if (--waiting[r] == 0) start(r, branch, null);
        return false;
    }

    private void start(int index, IntFunction<Value> branch, Semaphore permits) {
        threads.add(Thread.ofVirtual().name("orch-task").start(() -> {
            Outcome o;
            try {
                o = new Outcome(index, branch.apply(index), null);
            } catch (RuntimeException e) {
                o = new Outcome(index, null, e);
            } catch (Error e) {
                // A StackOverflowError or OutOfMemoryError must still report, or the group would wait for this branch
                // forever.
                o = new Outcome(index, null, new TaskCrashed(e));
            } finally {
                if (permits != null) permits.release();
            }
            done.add(o);
        }));
    }

    /** Interrupts the branches when stopping, then waits for every one started; true if this thread was interrupted. */
    private boolean awaitAll(boolean stop) {
        boolean interrupted = false;
        if (stop) threads.forEach(Thread::interrupt);
        while (finished < threads.size()) {
            try {
                done.take();
                finished++;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    private Result result(boolean interrupted, Errors errors) {
        if (interrupted) throw errors.cancelled();
        switch (mode) {
            case FAIL_FAST -> {
                if (firstFailure != null) throw firstFailure;
                if (!waiting.isEmpty()) throw Waiting.all(waiting);
            }
            case SETTLE -> {
                if (!waiting.isEmpty()) throw Waiting.all(waiting);
                throwAll(errors);
            }
            case FIRST_SUCCESS -> {
                if (winner < 0 && !waiting.isEmpty()) throw Waiting.all(waiting);
                if (winner < 0) throwAll(errors);
            }
        }
        return new Result(values, winner);
    }

    /** Stores one outcome; true when the group should stop (fail fast, or a race has its winner). */
    private boolean record(Outcome o) {
        finished++;
        if (o.error() == null) {
            values[o.index()] = o.value();
            if (mode == Mode.FIRST_SUCCESS && winner < 0) winner = o.index();
            return mode == Mode.FIRST_SUCCESS;
        }
        failures[o.index()] = o.error();
        if (o.error() instanceof Waiting w) {
            waiting.add(w);
            return false;
        }
        if (firstFailure == null) firstFailure = o.error();
        return mode == Mode.FAIL_FAST;
    }

    private void throwAll(Errors errors) {
        List<RunError> all = new ArrayList<>();
        for (RuntimeException f : failures) {
            if (f instanceof RunError r) all.add(r);
            else if (f != null) throw f;
        }
        if (all.size() == 1) throw all.get(0);
        if (!all.isEmpty()) throw errors.all(all);
    }
}

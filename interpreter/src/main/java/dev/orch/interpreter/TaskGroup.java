package dev.orch.interpreter;

import dev.orch.stdlib.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A small structured scope over the engine's branches (virtual threads locally; StructuredTaskScope is a preview API
 * in Java 21). The group never returns before every branch it started has finished, so nothing leaks. With
 * {@code max}, at most that many branches run at once, started in index order. If the code waiting on the group is
 * cancelled, every branch is cancelled and the group fails with `cancelled`. The rules (fail fast, settle, first
 * success, dag order) live here once, for every engine.
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

    /** What a worker of {@link #executeOnWorkers} says last. */
    private static final Outcome WORKER_DONE = new Outcome(-1, null, null);

    private final Engine engine;
    private final Mode mode;
    private final Value[] values;
    private final RuntimeException[] failures;
    private final Engine.Mailbox<Outcome> done;
    private final List<Engine.Branch> branches = new ArrayList<>();
    private RuntimeException firstFailure;
    // Branches that stopped to wait for an answer: the others go on, and the group waits once all are done.
    private final List<Waiting> waiting = new ArrayList<>();
    private int winner = -1;
    private int finished;

    private TaskGroup(Engine engine, int count, Mode mode) {
        this.engine = engine;
        this.done = engine.mailbox();
        this.mode = mode;
        this.values = new Value[count];
        this.failures = new RuntimeException[count];
    }

    static Result run(Engine engine, int count, IntFunction<Value> branch, int max, Mode mode, Errors errors) {
        return new TaskGroup(engine, count, mode).execute(count, branch, max, errors);
    }

    /**
     * A dag's statements, failing fast: branch i starts once every branch in {@code waitFor.get(i)} has finished, and
     * with {@code max} only while fewer than that many run (ready ones start in index order). A branch exists only
     * for a statement that can run, so in a dag of thousands a ready statement never queues behind the starts of
     * statements that would only wait.
     */
    static Result runDag(Engine engine, DagOrder order, IntFunction<Value> branch, int max, Errors errors) {
        return new TaskGroup(engine, order.size(), Mode.FAIL_FAST).executeDag(order, branch, max, errors);
    }

    private Result execute(int count, IntFunction<Value> branch, int max, Errors errors) {
        if (max > 0 && count > max && engine.reusesBranches()) return executeOnWorkers(count, branch, max, errors);
        boolean stop = false;
        boolean interrupted = false;
        try {
            for (int i = 0; i < count && !stop; i++) {
                while (!stop && max > 0 && running() >= max) stop = record(done.take());
                if (stop) break;
                start(i, branch);
                for (Outcome o; !stop && (o = done.poll()) != null; ) stop = record(o);
            }
            while (!stop && finished < branches.size()) stop = record(done.take());
        } catch (InterruptedException e) {
            interrupted = true;
            stop = true;
        } finally {
            interrupted |= awaitAll(stop);
        }
        return result(interrupted, errors);
    }

    /**
     * {@code max} branches, each running the next body not yet started until none is left or the group stops: the
     * bodies still start in index order, at most {@code max} at once, and each reports its own outcome as in
     * {@link #execute}. A body's leftover interrupt (a deadline that fired as it ended) is cleared before the next
     * one; the group's own stop is seen first, so a cancelled worker starts nothing more.
     */
    private Result executeOnWorkers(int count, IntFunction<Value> branch, int max, Errors errors) {
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        for (int w = 0; w < max; w++) {
            branches.add(engine.start(() -> {
                try {
                    for (int i; !stopped.get() && (i = next.getAndIncrement()) < count; ) {
                        Outcome o = outcome(i, branch);
                        // A worker that met the group's end starts nothing more, before the group has even heard of it.
                        if (ends(o)) stopped.set(true);
                        done.put(o);
                        engine.cancelled();
                    }
                } finally {
                    done.put(WORKER_DONE);
                }
            }));
        }
        boolean stop = false;
        boolean interrupted = false;
        int workersDone = 0;
        while (workersDone < max) {
            Outcome o;
            if (stop) {
                o = done.takeAnyway();
            } else {
                try {
                    o = done.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop = true;
                    stopped.set(true);
                    branches.forEach(Engine.Branch::cancel);
                    continue;
                }
            }
            if (o == WORKER_DONE) {
                workersDone++;
            } else if (stop) {
                finished++;
            } else if (record(o)) {
                stop = true;
                stopped.set(true);
                branches.forEach(Engine.Branch::cancel);
            }
        }
        interrupted |= engine.cancelled();
        return result(interrupted, errors);
    }

    private int running() {
        return branches.size() - finished;
    }

    private Result executeDag(DagOrder order, IntFunction<Value> branch, int max, Errors errors) {
        int n = order.size();
        int[] waiting = order.waits().clone();
        int[][] readers = order.readers();
        IntQueue ready = new IntQueue(n);
        for (int i = 0; i < n; i++) if (waiting[i] == 0) ready.add(i);
        boolean stop = false;
        boolean interrupted = false;
        try {
            while (!stop) {
                while (!ready.isEmpty() && (max <= 0 || running() < max)) {
                    start(ready.poll(), branch);
                    for (Outcome o; !stop && (o = done.poll()) != null; ) stop = advance(o, readers, waiting, ready);
                    if (stop) break;
                }
                // A cycle (the compiler rejects them) would leave its statements unstarted rather than hang.
                if (stop || finished == branches.size()) break;
                stop = advance(done.take(), readers, waiting, ready);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            stop = true;
        } finally {
            interrupted |= awaitAll(stop);
        }
        return result(interrupted, errors);
    }

    /** Records a dag statement's outcome and, unless the group stops, readies the readers it was the last input of. */
    private boolean advance(Outcome o, int[][] readers, int[] waiting, IntQueue ready) {
        if (record(o)) return true;
        if (o.error() instanceof Waiting) return false; // its readers wait with it
        for (int r : readers[o.index()]) if (--waiting[r] == 0) ready.add(r);
        return false;
    }

    private void start(int index, IntFunction<Value> branch) {
        branches.add(engine.start(() -> done.put(outcome(index, branch))));
    }

    private Outcome outcome(int index, IntFunction<Value> branch) {
        try {
            return new Outcome(index, branch.apply(index), null);
        } catch (RuntimeException e) {
            if (engine.owns(e)) throw e;
            return new Outcome(index, null, e);
        } catch (Error e) {
            if (engine.owns(e)) throw e;
            // A StackOverflowError or OutOfMemoryError must still report, or the group would wait for this branch
            // forever.
            return new Outcome(index, null, new TaskCrashed(e));
        }
    }

    /** Cancels the branches when stopping, then waits for every one started; true if the waiting code was cancelled. */
    private boolean awaitAll(boolean stop) {
        if (stop) branches.forEach(Engine.Branch::cancel);
        while (finished < branches.size()) {
            done.takeAnyway();
            finished++;
        }
        return engine.cancelled();
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

    /** The dag's ready statements in the order they became ready; each statement enters once, so n slots do. */
    private static final class IntQueue {
        private final int[] items;
        private int head;
        private int tail;

        IntQueue(int capacity) {
            items = new int[capacity];
        }

        void add(int i) {
            items[tail++] = i;
        }

        boolean isEmpty() {
            return head == tail;
        }

        int poll() {
            return items[head++];
        }
    }

    /** Whether {@code o} stops the group, as {@link #record} decides. */
    private boolean ends(Outcome o) {
        if (o.error() == null) return mode == Mode.FIRST_SUCCESS;
        return !(o.error() instanceof Waiting) && mode == Mode.FAIL_FAST;
    }

    /** Stores one outcome; true when the group should stop (fail fast, or a race has its winner). */
    private boolean record(Outcome o) {
        finished++;
        if (o.error() == null) {
            values[o.index()] = o.value();
            if (mode == Mode.FIRST_SUCCESS && winner < 0) winner = o.index();
            return ends(o);
        }
        failures[o.index()] = o.error();
        if (o.error() instanceof Waiting w) waiting.add(w);
        else if (firstFailure == null) firstFailure = o.error();
        return ends(o);
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

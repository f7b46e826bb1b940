package dev.orch.temporal;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A worker's activity says it is alive while it runs, so Temporal notices within {@link #TIMEOUT} that a worker
 * died mid-call (the workflow then schedules the call again: {@link LostWorker}). The answer to a heartbeat is also
 * how a worker learns that the workflow no longer wants the call (a race won, a timeout passed): the activity's
 * thread is interrupted and the call stops there, as a cancelled call stops in a local run.
 */
final class Heartbeat {
    /** How long Temporal waits for a heartbeat before it takes the activity's worker for lost. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The SDK sends at most one heartbeat per 0.8 * TIMEOUT; beating more often only keeps the newest one fresh. */
    private static final long EVERY_MS = 1_000;

    private static final ScheduledExecutorService BEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "orch-heartbeat");
        t.setDaemon(true);
        return t;
    });

    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E, InterruptedException;
    }

    private final ActivityExecutionContext context = Activity.getExecutionContext();
    private final Thread caller = Thread.currentThread();
    private boolean done;
    private ActivityCompletionException stopped;

    private Heartbeat() {}

    /**
     * Runs {@code work} on this activity's thread, beating beside it. When Temporal answers a beat that the activity
     * is cancelled or no longer exists, the work is interrupted and that answer is what the activity throws.
     */
    static <T, E extends Exception> T around(Work<T, E> work) throws E, InterruptedException {
        Heartbeat beat = new Heartbeat();
        ScheduledFuture<?> beating = BEATS.scheduleWithFixedDelay(beat::beat, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
        try {
            return work.run();
        } catch (Exception e) {
            // A cancelled call ends as InterruptedException or as the provider's `cancelled` error: either way the
            // activity ends as Temporal's cancellation, not as a failure of the call.
            ActivityCompletionException stopped = beat.stopped();
            if (stopped != null) throw stopped;
            throw e;
        } finally {
            beating.cancel(false);
            beat.finish();
        }
    }

    private void beat() {
        try {
            context.heartbeat(null);
        } catch (ActivityCompletionException e) {
            synchronized (this) {
                if (done) return;
                stopped = e;
                caller.interrupt();
            }
            throw e; // ends the schedule
        }
    }

    private synchronized ActivityCompletionException stopped() {
        return stopped;
    }

    /** After the work, no beat may interrupt the thread, which goes on to other activities. */
    private void finish() {
        boolean interruptedByUs;
        synchronized (this) {
            done = true;
            interruptedByUs = stopped != null;
        }
        if (interruptedByUs) Thread.interrupted();
    }
}

package dev.orch.temporal;

import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.QueryRejectCondition;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.client.WorkflowException;
import io.temporal.common.converter.DataConverter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a run on Temporal from a client: asks the workflow (the `progress` query) for the events and printed bytes
 * since the last answer, hands the events to the listener a local run would have and the bytes to where a local
 * run prints, until the run ends or waits for an answer. With no worker to answer the query, the memo still says
 * whether the run waits; what it printed comes with its result in the end.
 */
public final class RunFollower {
    /** How often the follower asks; a query costs the worker a replay-free read of the workflow's state. */
    private static final long POLL_MILLIS = 150;
    private static final long QUERY_MILLIS = 10_000;
    private static final long QUERY_WHEN_WAITING_MILLIS = 2_000;

    /** How following ended: the run ended, or it waits for answers to {@code questions}. */
    public sealed interface Followed {
        /**
         * {@code clockZero}: the instant the run's event times count from (its close time less its duration, as
         * Temporal recorded them), for what places the events on a timeline; null when Temporal does not say.
         */
        record Ended(RunOutcome outcome, Instant clockZero) implements Followed {}

        /** Temporal ended the workflow (terminated, cancelled, timed out) without an Orch outcome. */
        record Stopped(String status, String message) implements Followed {}

        record Waits(List<Asked> questions) implements Followed {}
    }

    private final TemporalConnection connection;
    private final String id;
    private final RunListener listener;
    private final OutputStream printed;
    private final Consumer<String> note;
    private int events;
    private long bytes;
    private boolean finishedSeen;
    private boolean silenceNoted;

    /** {@code note}: a line for stderr about the follow itself (no worker answering yet). */
    public RunFollower(TemporalConnection connection, String id, RunListener listener, OutputStream printed, Consumer<String> note) {
        this.connection = connection;
        this.id = id;
        this.listener = listener;
        this.printed = printed;
        this.note = note;
    }

    /**
     * Follows until the run ends or, when {@code stopWhenWaiting}, until it waits for a person. {@code answered}: a
     * question just answered (or null), which counts as waiting only once the run has taken the answer.
     */
    public Followed follow(boolean stopWhenWaiting, String answered) throws TemporalUnavailable, InterruptedException {
        while (true) {
            TemporalRun run = TemporalRuns.describe(connection, id);
            RunProgress p = query(!run.waiting().isEmpty() || !run.running() ? QUERY_WHEN_WAITING_MILLIS : QUERY_MILLIS);
            if (p != null) take(p);
            // A question just answered stays in the memo until a worker takes the answer: it is no reason for silence.
            else if (run.running() && run.waiting().stream().allMatch(q -> q.id().equals(answered)) && !silenceNoted) {
                silenceNoted = true;
                note.accept("no worker answers for run " + id + " on task queue " + (run.taskQueue() == null ? connection.target().taskQueue() : run.taskQueue()) + " yet; it"
                        + " goes on when one serves it (`orch worker --temporal " + connection.target().address() + "`)");
            }
            if (!run.running()) return ended(run);
            // The query sees the workflow's state; the memo, read when no worker answers, may lag behind it.
            List<Asked> waiting = p != null ? p.waiting() : run.waiting();
            boolean taken = answered == null || waiting.stream().noneMatch(q -> q.id().equals(answered));
            if (stopWhenWaiting && !waiting.isEmpty() && taken && !finishedSeen) return new Followed.Waits(waiting);
            Thread.sleep(POLL_MILLIS);
        }
    }

    private Followed ended(TemporalRun run) {
        RunOutcome outcome;
        try {
            outcome = connection.client().newUntypedWorkflowStub(id).getResult(RunOutcome.class);
        } catch (WorkflowException e) {
            return new Followed.Stopped(run.status(), e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
        // What the queries did not bring: the rest of the output, and the end of the run for the progress.
        byte[] all = outcome.stdout().getBytes(StandardCharsets.UTF_8);
        if (bytes < all.length) write(Arrays.copyOfRange(all, (int) bytes, all.length));
        if (!finishedSeen) {
            emit(new RunEvent.RunFinished(outcome.ms(), id, outcome.ms(), outcome.tokensIn(), outcome.tokensOut(), outcome.cost(),
                    outcome.calls(), outcome.error(), outcome.message()));
        }
        return new Followed.Ended(outcome, clockZero(outcome));
    }

    private Instant clockZero(RunOutcome outcome) {
        try {
            Instant closed = connection.client().newUntypedWorkflowStub(id).describe().getCloseTime();
            return closed == null ? null : closed.minusMillis(outcome.ms());
        } catch (RuntimeException e) {
            return null; // the run's output does not depend on it
        }
    }

    private void take(RunProgress p) {
        for (String e : p.events()) {
            RunEvent event = EventWire.read(e);
            if (event != null) emit(event);
        }
        events = Math.max(events, p.eventsEnd());
        if (!p.stdout().isEmpty()) write(p.stdout().getBytes(StandardCharsets.UTF_8));
        bytes = Math.max(bytes, p.stdoutEnd());
    }

    private void emit(RunEvent e) {
        if (e instanceof RunEvent.RunFinished) finishedSeen = true;
        if (listener.wants(e.getClass())) listener.event(e);
    }

    private void write(byte[] b) {
        try {
            printed.write(b);
            printed.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The questions {@code run} waits for now: the workflow's own answer when a worker gives it (the memo lags behind
     * an answer just sent), else its memo.
     */
    public static List<Asked> waiting(TemporalConnection connection, TemporalRun run) {
        if (!run.running()) return List.of();
        RunProgress p = query(connection, run.id(), Integer.MAX_VALUE, Long.MAX_VALUE, QUERY_WHEN_WAITING_MILLIS);
        return p == null ? run.waiting() : p.waiting();
    }

    private RunProgress query(long deadlineMillis) {
        return query(connection, id, events, bytes, deadlineMillis);
    }

    /** The workflow's progress from these offsets, or null when no worker answered in time. */
    private static RunProgress query(TemporalConnection connection, String id, int events, long bytes, long deadlineMillis) {
        DataConverter converter = connection.client().getOptions().getDataConverter();
        QueryWorkflowRequest request = QueryWorkflowRequest.newBuilder()
                .setNamespace(connection.target().namespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                .setQuery(WorkflowQuery.newBuilder().setQueryType("progress").setQueryArgs(converter.toPayloads(events, bytes).orElseThrow()))
                .setQueryRejectCondition(QueryRejectCondition.QUERY_REJECT_CONDITION_NONE)
                .build();
        try {
            QueryWorkflowResponse r = connection.service().blockingStub().withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                    .queryWorkflow(request);
            return converter.fromPayloads(0, Optional.of(r.getQueryResult()), RunProgress.class, RunProgress.class);
        } catch (StatusRuntimeException e) {
            return null;
        }
    }
}

package dev.orch.temporal;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * `orch worker`: a Temporal worker on one task queue that runs Orch workflows and their activities, in its own folder
 * under its own grants (decision 14). It serves until {@link #close}.
 */
public final class OrchWorker implements AutoCloseable {
    private final TemporalConnection connection;
    private final WorkerFactory factory;
    private final OrchActivitiesImpl activities;

    private OrchWorker(TemporalConnection connection, WorkerFactory factory, OrchActivitiesImpl activities) {
        this.connection = connection;
        this.factory = factory;
        this.activities = activities;
    }

    /**
     * Connects (or says why not), registers the workflow and its activities, and starts polling. Large payloads go to
     * {@code blobs}, which the clients and the other workers of the task queue share. {@code keepRuns} false: no run
     * stays in this worker's memory between its tasks (no sticky queue), so each task replays the run's history. For
     * Temporal's test server, which never hands the tasks on a dead worker's sticky queue to another worker (a real
     * service does after the sticky schedule-to-start timeout, 5 s).
     */
    public static OrchWorker start(TemporalTarget target, BlobStore blobs, WorkerSetup setup, boolean keepRuns)
            throws TemporalUnavailable {
        TemporalConnection connection = TemporalConnection.open(target, blobs);
        // A branch is a workflow thread: a fan-out of thousands needs virtual ones (the default pool holds 600).
        WorkerFactory factory = WorkerFactory.newInstance(connection.client(),
                WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(true).build());
        Worker worker = factory.newWorker(target.taskQueue(), keepRuns ? WorkerOptions.getDefaultInstance()
                : WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
        worker.registerWorkflowImplementationTypes(OrchWorkflowImpl.class);
        OrchActivitiesImpl activities = new OrchActivitiesImpl(setup);
        worker.registerActivitiesImplementations(activities);
        factory.start();
        return new OrchWorker(connection, factory, activities);
    }

    /**
     * Stops polling, lets the calls in hand finish for a few seconds (Temporal gives the rest to another worker), then
     * stops the MCP servers it started.
     */
    @Override
    public void close() {
        factory.shutdown();
        factory.awaitTermination(5, TimeUnit.SECONDS);
        factory.shutdownNow();
        activities.close();
        connection.close();
    }
}

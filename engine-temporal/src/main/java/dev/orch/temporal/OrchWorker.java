package dev.orch.temporal;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.concurrent.TimeUnit;

/**
 * `orch worker`: a Temporal worker on one task queue that runs Orch workflows and their activities, in its own folder
 * under its own grants (decision 14). It serves until {@link #close}.
 */
public final class OrchWorker implements AutoCloseable {
    private final TemporalConnection connection;
    private final WorkerFactory factory;

    private OrchWorker(TemporalConnection connection, WorkerFactory factory) {
        this.connection = connection;
        this.factory = factory;
    }

    /** Connects (or says why not), registers the workflow and its activities, and starts polling. */
    public static OrchWorker start(TemporalTarget target, WorkerSetup setup) throws TemporalUnavailable {
        TemporalConnection connection = TemporalConnection.open(target);
        // A branch is a workflow thread: a fan-out of thousands needs virtual ones (the default pool holds 600).
        WorkerFactory factory = WorkerFactory.newInstance(connection.client(),
                WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(true).build());
        Worker worker = factory.newWorker(target.taskQueue());
        worker.registerWorkflowImplementationTypes(OrchWorkflowImpl.class);
        worker.registerActivitiesImplementations(new OrchActivitiesImpl(setup));
        factory.start();
        return new OrchWorker(connection, factory);
    }

    /** Stops polling, lets the calls in hand finish for a few seconds (Temporal gives the rest to another worker). */
    @Override
    public void close() {
        factory.shutdown();
        factory.awaitTermination(5, TimeUnit.SECONDS);
        factory.shutdownNow();
        connection.close();
    }
}

package dev.orch.cli;

import dev.orch.temporal.OrchActivitiesImpl;
import dev.orch.temporal.OrchWorkflowImpl;
import dev.orch.temporal.WorkerSetup;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** A worker process for the cross-process tests until `orch worker` lands: HOST:PORT QUEUE ROOT. */
public final class TemporalWorkerMain {
    public static void main(String[] args) throws InterruptedException {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
        WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
        // No sticky queue: Temporal's test server never hands a dead worker's sticky tasks to the task queue (a real
        // server does after this timeout), so with one a run whose worker was killed would wait forever.
        Worker worker = factory.newWorker(args[1], WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
        worker.registerWorkflowImplementationTypes(OrchWorkflowImpl.class);
        worker.registerActivitiesImplementations(new OrchActivitiesImpl(new WorkerSetup(Path.of(args[2]), Set.of())));
        factory.start();
        System.out.println("worker ready");
        Thread.currentThread().join();
    }
}

package dev.orch.temporal;

import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;

/**
 * Temporal's in-process test service with one worker of Orch's workflow and activities, started on a task queue;
 * every environment here carries {@link FinishedActivityCancels}, without which a run may hang on the test service.
 */
final class OrchTestService {
    private OrchTestService() {
    }

    static TestWorkflowEnvironment start(String queue, WorkerSetup setup) {
        return start(queue, setup, TestEnvironmentOptions.getDefaultInstance());
    }

    /** With a virtual thread for each workflow thread: a branch is one, and the default pool holds 600. */
    static TestWorkflowEnvironment startForManyBranches(String queue, WorkerSetup setup) {
        return start(queue, setup, TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(true).build())
                .build());
    }

    static TestWorkflowEnvironment start(String queue, WorkerSetup setup, TestEnvironmentOptions options) {
        TestWorkflowEnvironment temporal = newEnvironment(options);
        Worker worker = temporal.newWorker(queue);
        worker.registerWorkflowImplementationTypes(OrchWorkflowImpl.class);
        worker.registerActivitiesImplementations(new OrchActivitiesImpl(setup));
        temporal.start();
        return temporal;
    }

    /** An environment not yet started, for a test that registers its own workers. */
    static TestWorkflowEnvironment newEnvironment() {
        return newEnvironment(TestEnvironmentOptions.getDefaultInstance());
    }

    static TestWorkflowEnvironment newEnvironment(TestEnvironmentOptions options) {
        return TestWorkflowEnvironment.newInstance(FinishedActivityCancels.withFix(options));
    }
}

package dev.orch.temporal;

import dev.orch.stdlib.provider.Env;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Temporal's in-process test service for a test class, registered with {@code @RegisterExtension}: on a static field
 * one environment serves the whole class, on an instance field each test gets its own. It is the only way tests here
 * get an environment, so every one carries {@link FinishedActivityCancels}, without which a run may hang on the
 * test service. The worker's setup is asked for when the service starts, after {@code @TempDir} fields are set.
 */
final class TemporalTestService implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    /** What a test registers on the environment before it starts. */
    @FunctionalInterface
    interface Workers {
        void register(TestWorkflowEnvironment temporal) throws Exception;
    }

    private final Workers workers;
    private final Supplier<TestEnvironmentOptions> options;
    private TestWorkflowEnvironment temporal;
    private boolean perTest;

    private TemporalTestService(Workers workers, Supplier<TestEnvironmentOptions> options) {
        this.workers = workers;
        this.options = options;
    }

    /** One worker of Orch's workflow and activities on {@code queue}, with no grants, in the folder {@code root} gives. */
    static TemporalTestService workerIn(String queue, Supplier<Path> root) {
        return worker(queue, () -> new WorkerSetup(root.get(), Set.of(), Env.system(), null));
    }

    /** One worker of Orch's workflow and activities on {@code queue}. */
    static TemporalTestService worker(String queue, Supplier<WorkerSetup> setup) {
        return registering(temporal -> {
            Worker worker = temporal.newWorker(queue);
            worker.registerWorkflowImplementationTypes(OrchWorkflowImpl.class);
            worker.registerActivitiesImplementations(new OrchActivitiesImpl(setup.get()));
        });
    }

    /** The workers {@code workers} registers; none for a test that starts its own through {@link #client()}. */
    static TemporalTestService registering(Workers workers) {
        return new TemporalTestService(workers, TestEnvironmentOptions::getDefaultInstance);
    }

    /** The same service with a virtual thread for each workflow thread: a branch is one, and the default pool holds 600. */
    TemporalTestService forManyBranches() {
        Supplier<TestEnvironmentOptions> base = options;
        return with(() -> TestEnvironmentOptions.newBuilder(base.get())
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(true).build()).build());
    }

    /** The same service with the options {@code options} gives when it starts (the fix for the test service added). */
    TemporalTestService with(Supplier<TestEnvironmentOptions> options) {
        return new TemporalTestService(workers, options);
    }

    TestWorkflowEnvironment environment() {
        if (temporal == null) throw new IllegalStateException("the test service has not started: register it with @RegisterExtension");
        return temporal;
    }

    WorkflowClient client() {
        return environment().getWorkflowClient();
    }

    /** A stub for a new run of Orch's workflow on {@code queue}, its workflow id {@code id}. */
    OrchWorkflow newRun(String queue, String id) {
        return client().newWorkflowStub(OrchWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(id).build());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (temporal != null) return;
        perTest = true;
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) stop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start() throws Exception {
        TestWorkflowEnvironment started = TestWorkflowEnvironment.newInstance(FinishedActivityCancels.withFix(options.get()));
        try {
            workers.register(started);
            started.start();
        } catch (Exception | Error e) {
            started.close();
            throw e;
        }
        temporal = started;
    }

    private void stop() {
        if (temporal == null) return;
        temporal.close();
        temporal = null;
    }
}

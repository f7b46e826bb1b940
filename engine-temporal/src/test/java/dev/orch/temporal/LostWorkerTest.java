package dev.orch.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.provider.Provider;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that goes silent mid-call (it stops heartbeating, as a killed one does) loses the call to another
 * attempt of the same activity, which is not one of Orch's `retry` attempts; a call the workflow no longer wants
 * (the loser of a race) stops on the worker, where the heartbeat brings the cancellation.
 */
class LostWorkerTest {
    private static final String QUEUE = "orch-lost";

    @TempDir
    static Path root;

    private static final CountDownLatch stoppedOnWorker = new CountDownLatch(1);
    private static final CountDownLatch released = new CountDownLatch(1);
    private static final AtomicInteger pings = new AtomicInteger();

    @RegisterExtension
    static final TemporalTestService temporal = TemporalTestService.registering(service -> {
        Worker worker = service.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(OrchWorkflowImpl.class);
        OrchActivitiesImpl real = new OrchActivitiesImpl(new WorkerSetup(root, Set.of(), Env.system(), spec ->
                spec.name().equals("stuck") ? stuck() : null));
        worker.registerActivitiesImplementations(new SilentOnFirstCall(real));
    });

    /** Before the service closes (the extension's own end comes after this), so that it does not wait on the silent call. */
    @AfterAll
    static void releaseTheSilentCall() {
        released.countDown();
    }

    @Test
    void aCallWhoseWorkerFellSilentRunsAgainWithoutCountingAsAnAttempt() {
        RunOutcome outcome = run("lost", """
                model m = mock(rules: { "ping": "pong" })
                agent a { model: m }
                workflow main() {
                  retry 3 {
                    r = a("ping")
                  }
                  print "{r} after {r.attempts} attempt(s)"
                }
                """);
        assertThat(outcome.error()).as(outcome.message()).isNull();
        assertThat(pings).as("the call went once to the worker that fell silent, once more to the live one").hasValue(2);
        assertThat(outcome.stdout()).isEqualTo("pong after 1 attempt(s)\n");
        assertThat(outcome.calls()).isEqualTo(1);
    }

    @Test
    void theLoserOfARaceStopsOnTheWorker() throws InterruptedException {
        RunOutcome outcome = run("race", """
                model stuck = mock()
                model quick = mock(latency: 300ms, rules: { ".": "quick" })
                agent slow { model: stuck }
                agent fast { model: quick }
                workflow main() {
                  race {
                    w = slow("one")
                    w = fast("two")
                  }
                  print w
                }
                """);
        assertThat(outcome.stdout()).isEqualTo("quick\n");
        assertThat(stoppedOnWorker.await(30, TimeUnit.SECONDS))
                .as("the slow call was interrupted on the worker once a heartbeat brought the cancellation").isTrue();
    }

    /** A provider that answers only when interrupted, and says so. */
    private static Provider stuck() {
        return request -> {
            try {
                Thread.sleep(120_000);
                throw new AssertionError("the stuck call ran to its end");
            } catch (InterruptedException e) {
                stoppedOnWorker.countDown();
                throw e;
            }
        };
    }

    /** The first model turn it takes hangs without a heartbeat, as on a worker that died; the rest run. */
    private record SilentOnFirstCall(OrchActivitiesImpl real) implements OrchActivities {
        @Override
        public String complete(String model, String caller, String request) {
            if (request.contains("ping") && pings.incrementAndGet() == 1) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("a silent worker's call is never answered");
            }
            return real.complete(model, caller, request);
        }

        @Override
        public String act(String builtin, String args, String options) {
            return real.act(builtin, args, options);
        }

        @Override
        public String env(String name) {
            return real.env(name);
        }

        @Override
        public String mcpTools(String server) {
            return real.mcpTools(server);
        }

        @Override
        public String mcpCall(String server, String tool, String args) {
            return real.mcpCall(server, tool, args);
        }

        @Override
        public List<String> missingGrants(List<String> needed) {
            return real.missingGrants(needed);
        }
    }

    private static RunOutcome run(String id, String source) {
        String plan = PlanJson.write(compile(source).plan());
        OrchWorkflow run = temporal.newRun(QUEUE, id);
        return Bounded.run(temporal.client(), run, new RunInput(plan, PlanHash.of(plan), "main", "{}", id, List.of()), id);
    }

    private static Compilation compile(String source) {
        try {
            Path file = Files.writeString(root.resolve("test.orch"), source);
            Compilation c = Compiler.compile(new SourceFile(file.toString(), source), CompileOptions.run(Set.of()));
            assertThat(c.hasErrors()).as(c.render()).isFalse();
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

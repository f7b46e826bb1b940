package dev.orch.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.stdlib.provider.Env;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a follower of a Temporal run sees: the events the interpreter emitted in the workflow and what it printed,
 * from offsets (the `progress` query); several questions with ids, answered by id; and a worker that lacks a grant
 * the plan needs refusing the run before anything runs.
 */
class WorkflowProgressTest {
    private static final String QUEUE = "orch-progress";
    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    static Path root;

    @RegisterExtension
    static final TemporalTestService temporal = TemporalTestService.worker(QUEUE, () -> new WorkerSetup(root, Set.of("net"), Env.system(), null));

    @Test
    void theProgressQueryGivesTheRunsEventsAndOutputFromOffsets() {
        String plan = plan("""
                model m = mock(rules: { ".": "fine" })
                agent a { model: m }
                workflow main() {
                  x = a("one")
                  print "first: {x} ✓"
                  y = a("two")
                  print "second: {y}"
                  return "done"
                }
                """);
        String id = "progress-" + RUNS.incrementAndGet();
        OrchWorkflow run = stub(id);
        RunOutcome outcome = Bounded.run(temporal.client(), run, new RunInput(plan, PlanHash.of(plan), "main", "{}", id, List.of()), id);
        assertThat(outcome.value()).isEqualTo("done");

        RunProgress all = run.progress(0, 0);
        assertThat(all.stdout()).isEqualTo(outcome.stdout()).isEqualTo("first: fine ✓\nsecond: fine\n");
        assertThat(all.stdoutEnd()).isEqualTo(outcome.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        List<RunEvent> events = all.events().stream().map(EventWire::read).toList();
        assertThat(events).doesNotContainNull().hasSize(all.eventsEnd());
        assertThat(events.get(0)).isInstanceOf(RunEvent.RunStarted.class);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.TaskFinished).hasSize(2)
                .allSatisfy(e -> assertThat(((RunEvent.TaskFinished) e).agent()).isEqualTo("a"));
        RunEvent.RunFinished end = (RunEvent.RunFinished) events.get(events.size() - 1);
        assertThat(end.calls()).isEqualTo(2);
        assertThat(end.run()).isEqualTo(id);

        RunProgress rest = run.progress(3, "first: fine ✓\n".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(rest.events()).isEqualTo(all.events().subList(3, all.events().size()));
        assertThat(rest.stdout()).isEqualTo("second: fine\n");
        RunProgress none = run.progress(all.eventsEnd(), all.stdoutEnd());
        assertThat(none.events()).isEmpty();
        assertThat(none.stdout()).isEmpty();
    }

    @Test
    void severalQuestionsHaveIdsAndAnAnswerNamesOne() throws Exception {
        String plan = plan("""
                workflow main() {
                  parallel {
                    a = ask("Deploy?", options: ["yes", "no"])
                    b = ask("Which region?")
                  }
                  print "deploy {a} to {b}"
                }
                """);
        String id = "asks-" + RUNS.incrementAndGet();
        OrchWorkflow run = stub(id);
        WorkflowClient.start(run::run, new RunInput(plan, PlanHash.of(plan), "main", "{}", id, List.of()));
        List<Asked> waiting = awaitQuestions(run, 2);
        assertThat(waiting).extracting(Asked::id).containsExactly("q1", "q2");
        assertThat(waiting).extracting(Asked::question).containsExactly("Deploy?", "Which region?");
        assertThat(waiting.get(0).options()).containsExactly("yes", "no");
        assertThat(TemporalRuns.memoQuestions(temporal.client(), id)).isEqualTo(waiting);

        run.answer("eu-west", "q2");
        run.answer("maybe", "q1"); // not one of its options: dropped, q1 still waits
        assertThat(awaitQuestions(run, 1)).extracting(Asked::id).containsExactly("q1");
        run.answer("yes", null); // no id: the only one pending
        RunOutcome outcome = Bounded.outcome(temporal.client(), run, id);
        assertThat(outcome.stdout()).isEqualTo("deploy yes to eu-west\n");
        assertThat(TemporalRuns.memoQuestions(temporal.client(), id)).isEmpty();
    }

    @Test
    void aWorkerWithoutAGrantThePlanNeedsRefusesTheRun() {
        String plan = PlanJson.write(compile("""
                workflow main() {
                  print sh(["echo", "hi"])
                }
                """, Set.of("shell", "net:example.com")).plan());
        String id = "grants-" + RUNS.incrementAndGet();
        RunOutcome outcome = Bounded.run(temporal.client(), stub(id),
                new RunInput(plan, PlanHash.of(plan), "main", "{}", id, List.of("shell", "net:example.com")), id);
        assertThat(outcome.error()).isEqualTo(RunOutcome.UNGRANTED);
        assertThat(outcome.message()).startsWith("the worker does not grant shell,").contains("--allow shell")
                .doesNotContain("net:example.com"); // the worker's `net` covers it
        assertThat(outcome.stdout()).isEmpty();
    }

    @Test
    void aCallNeedingAGrantItsWorkerLacksFailsWithWhatToGive() {
        // Admitted by another worker (no grants asked at start here); the call lands on one without `shell`.
        String plan = PlanJson.write(compile("""
                workflow main() {
                  print "before"
                  print sh(["echo", "hi"])
                }
                """, Set.of("shell")).plan());
        String id = "call-grant-" + RUNS.incrementAndGet();
        RunOutcome outcome = Bounded.run(temporal.client(), stub(id), new RunInput(plan, PlanHash.of(plan), "main", "{}", id, List.of()), id);
        assertThat(outcome.error()).isEqualTo("tool");
        assertThat(outcome.message()).isEqualTo("sh() needs `--allow shell`, which this worker does not grant:"
                + " start `orch worker` with --allow shell");
        assertThat(outcome.stdout()).isEqualTo("before\n");
    }

    private static List<Asked> awaitQuestions(OrchWorkflow run, int count) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<Asked> waiting = run.progress(0, 0).waiting();
            if (waiting.size() == count) return waiting;
            Thread.sleep(25);
        }
        throw new AssertionError("the run never waited for " + count + " questions");
    }

    private static OrchWorkflow stub(String id) {
        return temporal.newRun(QUEUE, id);
    }

    private static String plan(String source) {
        return PlanJson.write(compile(source, Set.of()).plan());
    }

    private static Compilation compile(String source, Set<String> allowed) {
        Compilation c = Compiler.compile(new SourceFile(root.resolve("test.orch").toString(), source), CompileOptions.run(allowed));
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        return Objects.requireNonNull(c);
    }
}

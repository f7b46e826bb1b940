package dev.orch.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import io.temporal.client.WorkflowClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `orch run --engine temporal` follows a run through the `progress` query; a run that continues as new starts its
 * progress log and its output again from the plan's start, and the follower, at the old run's offsets, neither sees
 * the replayed part twice nor misses what the new run adds.
 */
class FollowAcrossContinueAsNewTest {
    private static final String QUEUE = "orch-follow-continued";

    @TempDir
    static Path root;

    @RegisterExtension
    static final TemporalTestService temporal = TemporalTestService.workerIn(QUEUE, () -> root).forManyBranches();

    @Test
    void aFollowerSeesEachEventAndEachPrintedLineOnceAcrossContinueAsNew() throws Exception {
        follow("follow-loop", """
                    r = a("step {x}")
                """);
    }

    @Test
    void aFollowerSeesEachEventAndEachPrintedLineOnceWhenParallelBranchesContinueAsNew() throws Exception {
        // The new run replays each branch to its end at once, in another order than the old run's events came in.
        follow("follow-parallel", """
                    parallel {
                      r = a("step {x}")
                      s = a("side {x}")
                    }
                """);
    }

    private static void follow(String id, String step) throws Exception {
        Compilation c = Compiler.compile(new SourceFile(root.resolve(id + ".orch").toString(), """
                model m = mock()
                agent a { model: m }
                workflow main(xs: list) {
                  for x in xs {
                STEP
                    if x % 100 == 0 {
                      print "{r} ✓"
                    }
                  }
                  print "done"
                }
                """.replace("STEP\n", step)), CompileOptions.run(Set.of()));
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        String plan = PlanJson.write(c.plan());
        String args = "{\"xs\": [" + String.join(", ", IntStream.range(0, 2000).mapToObj(Integer::toString).toList()) + "]}";
        OrchWorkflow run = temporal.newRun(QUEUE, id);
        WorkflowClient.start(run::run, new RunInput(plan, PlanHash.of(plan), "main", args, id, List.of()));

        List<String> seen = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void event(RunEvent e) {
                seen.add(EventWire.write(e));
            }
        };
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TemporalConnection connection = TemporalConnection.over(new TemporalTarget("in-process", "default", QUEUE),
                temporal.environment().getWorkflowServiceStubs(), BlobStore.under(root));
        RunFollower.Followed followed = new RunFollower(connection, id, listener, printed, note -> {}).follow(false, null);

        assertThat(followed).isInstanceOf(RunFollower.Followed.Ended.class);
        RunOutcome outcome = ((RunFollower.Followed.Ended) followed).outcome();
        assertThat(outcome.error()).as(outcome.message()).isNull();
        assertThat(continuedRuns(id)).as("runs before the last").isPositive();

        List<String> expected = new ArrayList<>();
        for (int x = 0; x < 2000; x += 100) expected.add("step " + x + " ✓");
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("what the run printed, once").isEqualTo(outcome.stdout());
        assertThat(outcome.stdout().lines().toList()).as("each line once").endsWith("done")
                .containsExactlyInAnyOrderElementsOf(concat(expected, "done"));
        RunProgress all = run.progress(0, 0);
        assertThat(seen).as("each event of the run once, in order").isEqualTo(all.events());
        assertThat(seen.stream().map(EventWire::read).filter(e -> e instanceof RunEvent.TaskFinished).count())
                .isEqualTo(outcome.calls()).isGreaterThanOrEqualTo(2000);
    }

    private static List<String> concat(List<String> lines, String last) {
        List<String> all = new ArrayList<>(lines);
        all.add(last);
        return all;
    }

    private static int continuedRuns(String id) {
        int runs = 0;
        var first = temporal.client().fetchHistory(id).getEvents().getFirst().getWorkflowExecutionStartedEventAttributes();
        for (String from = first.getContinuedExecutionRunId(); !from.isEmpty(); runs++) {
            from = temporal.client().fetchHistory(id, from).getEvents().getFirst().getWorkflowExecutionStartedEventAttributes()
                    .getContinuedExecutionRunId();
        }
        return runs;
    }
}

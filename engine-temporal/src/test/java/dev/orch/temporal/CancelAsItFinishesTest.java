package dev.orch.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.PlanJson;
import io.temporal.api.enums.v1.EventType;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call cancelled just as it finishes (a race's loser, a branch a failing sibling stops) does not hang the run, though
 * its result reaches the service while the workflow task that cancels it runs. On the bare test service the run
 * hangs at the first race (all-constructs hung so in its `race`, about one run in three); with
 * {@link FinishedActivityCancels} every race ends, and the history replays.
 */
class CancelAsItFinishesTest {
    private static final String QUEUE = "orch-cancel";

    @TempDir
    static Path root;

    @RegisterExtension
    static final TemporalTestService temporal = TemporalTestService.workerIn(QUEUE, () -> root);

    @Test
    void racesWhoseLosersFinishAsTheyAreCancelledEachEndWithAWinner() throws Exception {
        // The winner answers at once; eight losers a few milliseconds later, while the workflow task that cancels them
        // runs (so their results arrive inside it), and one after seconds, cancelled on its worker.
        String source = """
                model now = mock(rules: { ".": "first" })
                model ms1 = mock(latency: 1ms)
                model ms2 = mock(latency: 2ms)
                model ms3 = mock(latency: 3ms)
                model ms4 = mock(latency: 4ms)
                model ms5 = mock(latency: 5ms)
                model ms6 = mock(latency: 6ms)
                model ms7 = mock(latency: 7ms)
                model ms8 = mock(latency: 8ms)
                model seconds = mock(latency: 5s)
                agent first { model: now }
                agent late { model: seconds }
                workflow main() {
                  var ended = 0
                  for i in [1, 2, 3, 4, 5] {
                    race {
                      w = first("race {i}")
                      w = late("race {i}", model: ms1)
                      w = late("race {i}", model: ms2)
                      w = late("race {i}", model: ms3)
                      w = late("race {i}", model: ms4)
                      w = late("race {i}", model: ms5)
                      w = late("race {i}", model: ms6)
                      w = late("race {i}", model: ms7)
                      w = late("race {i}", model: ms8)
                      w = late("race {i}")
                    }
                    ended = ended + 1
                  }
                  print "{ended} races ended"
                }
                """;
        String id = "races";
        String plan = plan(source);
        OrchWorkflow run = temporal.newRun(QUEUE, id);
        RunOutcome outcome = Bounded.run(temporal.client(), run, new RunInput(plan, PlanHash.of(plan), "main", "{}", id, List.of()), "the races");

        assertThat(outcome.error()).as(outcome.message()).isNull();
        assertThat(outcome.stdout()).isEqualTo("5 races ended\n");
        var history = temporal.client().fetchHistory(id);
        assertThat(history.getEvents().stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED))
                .as("losers cancelled while they ran, the slow one of each race at least").hasSizeGreaterThanOrEqualTo(5);
        WorkflowReplayer.replayWorkflowExecution(history, OrchWorkflowImpl.class);
    }

    private static String plan(String source) {
        Compilation c = Compiler.compile(new SourceFile(root.resolve("races.orch").toString(), source), CompileOptions.run(Set.of()));
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        return PlanJson.write(c.plan());
    }
}

package dev.orch.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.RunResult;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.value.Value;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporal's limits are designed for: a fan-out wider than the 2,000 pending activities Temporal allows runs with at
 * most {@link InFlight#CAP} pending, and a loop that would pass 10,000 history events continues as new, each run's
 * history under the limit, with no finished call made twice.
 */
class HistoryLimitsTest {
    private static final String QUEUE = "orch-limits";

    @TempDir
    static Path root;

    @RegisterExtension
    static final TemporalTestService temporal = TemporalTestService.workerIn(QUEUE, () -> root).forManyBranches();

    @Test
    void aFanOutOf2500CallsRunsWithAtMostTheCapPending() {
        String source = """
                model m = mock()
                agent a { model: m }
                workflow main(xs: list) {
                  ys = for x in xs parallel {
                    a("call {x}")
                  }
                  print "{len(ys)} replies, the last: {ys[len(ys) - 1]}"
                }
                """;
        String args = "{\"xs\": [" + String.join(", ", IntStream.range(0, 2500).mapToObj(Integer::toString).toList()) + "]}";
        Ran ran = both("fan-out", source, args);

        assertThat(ran.outcome().error()).as(ran.outcome().message()).isNull();
        assertThat(ran.outcome().stdout()).isEqualTo("2500 replies, the last: call 2499\n").isEqualTo(ran.local());
        assertThat(ran.scheduled()).as("each call once").isEqualTo(2500);
        assertThat(ran.mostPending()).as("never more than the cap pending, and the cap reached")
                .isEqualTo(InFlight.CAP);
    }

    @Test
    void aLoopThatWouldPass10000EventsContinuesAsNewWithoutDoingAnythingTwice() throws Exception {
        String source = """
                model m = mock()
                agent a { model: m }
                workflow main(xs: list) {
                  for x in xs {
                    r = a("step {x}")
                    if x % 500 == 0 {
                      print r
                    }
                  }
                  print "done"
                }
                """;
        String args = "{\"xs\": [" + String.join(", ", IntStream.range(0, 2000).mapToObj(Integer::toString).toList()) + "]}";
        Ran ran = both("loop", source, args);

        assertThat(ran.outcome().error()).as(ran.outcome().message()).isNull();
        assertThat(ran.outcome().stdout()).isEqualTo("step 0\nstep 500\nstep 1000\nstep 1500\ndone\n").isEqualTo(ran.local());
        assertThat(ran.outcome().calls()).isEqualTo(2000);
        assertThat(ran.runs()).as("the histories of the runs it continued as").hasSizeGreaterThan(1);
        assertThat(ran.runs()).allSatisfy(h -> assertThat(h.getEvents()).hasSizeLessThan((int) HistoryLimits.EVENTS));
        assertThat(ran.scheduled()).as("no finished call made again by a later run").isEqualTo(2000);
        for (WorkflowExecutionHistory h : ran.runs()) WorkflowReplayer.replayWorkflowExecution(h, OrchWorkflowImpl.class);
    }

    @Test
    void aTimeoutThatFiredBeforeTheCutFiresOnceAndItsCallIsNotMadeAgain() throws Exception {
        // The timeout stops the slow call; the loop after it passes 10,000 events, so the new run replays the timeout
        // with its deadline long passed.
        String source = """
                model m = mock()
                model slow = mock(latency: 5s, rules: { ".": "slow" })
                agent a { model: m }
                agent s { model: slow }
                workflow main(xs: list) {
                  try {
                    timeout 300ms {
                      q = a("quick")
                      print "inside: {q}"
                      r = s("slow")
                      print "not reached: {r}"
                    }
                  } catch timeout as e {
                    print "gave up: {e.kind}"
                  }
                  for x in xs {
                    a("step {x}")
                  }
                  print "done"
                }
                """;
        Ran ran = both("timeout-before-cut", source, "{\"xs\": [" + String.join(", ", IntStream.range(0, 2000)
                .mapToObj(Integer::toString).toList()) + "]}");

        assertThat(ran.outcome().error()).as(ran.outcome().message()).isNull();
        assertThat(ran.runs()).as("the run continued as new").hasSizeGreaterThan(1);
        assertThat(ran.outcome().stdout()).isEqualTo(ran.local()).isEqualTo("inside: quick\ngave up: timeout\ndone\n");
        assertThat(ran.outcome().calls()).isEqualTo(ran.localCalls());
        assertThat(ran.scheduled()).as("the quick call, the slow one and the 2,000 steps, each once").isEqualTo(2002);
        for (WorkflowExecutionHistory h : ran.runs()) WorkflowReplayer.replayWorkflowExecution(h, OrchWorkflowImpl.class);
    }

    /** What a run on Temporal gave, with the histories of every run it continued as, and what it did locally. */
    private record Ran(RunOutcome outcome, String local, long localCalls, List<WorkflowExecutionHistory> runs) {
        long scheduled() {
            return runs.stream().flatMap(h -> h.getEvents().stream())
                    .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).count();
        }

        /** The most activities scheduled and not yet ended at any point of any run's history. */
        int mostPending() {
            int most = 0;
            for (WorkflowExecutionHistory h : runs) {
                int now = 0;
                for (HistoryEvent e : h.getEvents()) {
                    switch (e.getEventType()) {
                        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> most = Math.max(most, ++now);
                        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED, EVENT_TYPE_ACTIVITY_TASK_FAILED, EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
                             EVENT_TYPE_ACTIVITY_TASK_CANCELED -> now--;
                        default -> {}
                    }
                }
            }
            return most;
        }
    }

    private static Ran both(String id, String source, String args) {
        Compilation c = Compiler.compile(new SourceFile(root.resolve(id + ".orch").toString(), source), CompileOptions.run(Set.of()));
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        Plan plan = c.plan();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunResult local = Interpreter.run(plan, "main", Wire.readOptions(args), new RunOptions(root, List.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), RunListener.NONE, "local-" + id, null));
        assertThat(local.error()).isNull();

        String json = PlanJson.write(plan);
        OrchWorkflow run = temporal.newRun(QUEUE, id);
        WorkflowExecution first = WorkflowClient.start(run::run, new RunInput(json, PlanHash.of(json), "main", args, id, List.of()));
        RunOutcome outcome = Bounded.outcome(temporal.client(), run, id);

        List<WorkflowExecutionHistory> runs = new ArrayList<>();
        String runId = first.getRunId();
        while (runId != null) {
            WorkflowExecutionHistory h = temporal.client().fetchHistory(id, runId);
            runs.add(h);
            HistoryEvent last = h.getLastEvent();
            runId = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId() : null;
        }
        return new Ran(outcome, out.toString(StandardCharsets.UTF_8), local.calls(), runs);
    }
}

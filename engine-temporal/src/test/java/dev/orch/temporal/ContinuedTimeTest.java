package dev.orch.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.Journal;
import dev.orch.interpreter.LocalEngine;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.RunResult;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that continues as new replays its plan from the start with the old run's time: a sleep that had passed is
 * not waited for again, a reply's `.ms` read before the cut is what it was, and a retry's jittered backoff draws the
 * same wait and does not wait it again. Each test's loop passes 10,000 history events, so the run continues as new.
 */
class ContinuedTimeTest {
    private static final String QUEUE = "orch-continued-time";
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    static Path root;

    @RegisterExtension
    static final TemporalTestService temporal = TemporalTestService.workerIn(QUEUE, () -> root).forManyBranches();

    @Test
    void aSleepAndAReplysTimeBeforeTheCutAreTheOldRunsInTheNewRun() throws Exception {
        String source = """
                model slow = mock(latency: 400ms, rules: { ".": "slow" })
                model m = mock()
                agent s { model: slow }
                agent a { model: m }
                workflow main(xs: list) {
                  first = s("first")
                  if first.ms >= 400 {
                    print "the first call took its time"
                  } else {
                    print "the first call was quick"
                  }
                  print "first: {first.ms}ms"
                  sleep(1h)
                  for x in xs {
                    a("step {x}")
                  }
                  print "first, after the loop: {first.ms}ms"
                }
                """;
        Ran ran = both("sleep-and-ms", source, steps(2000));

        assertThat(ran.outcome().error()).as(ran.outcome().message()).isNull();
        assertThat(ran.runs()).as("the run continued as new").hasSizeGreaterThan(1);
        assertThat(shape(ran.outcome().stdout())).isEqualTo(shape(ran.local())).isEqualTo("""
                the first call took its time
                first: Nms
                first, after the loop: Nms
                """);
        String before = stdoutOf("sleep-and-ms", ran.runIds().getFirst());
        assertThat(before).as("what the first run printed before it continued as new")
                .startsWith("the first call took its time\nfirst: ");
        assertThat(ran.outcome().stdout()).as("the replayed reply took as long as it did in the first run").startsWith(before);
        String ms = before.lines().toList().get(1).replace("first: ", "");
        assertThat(ran.outcome().stdout()).endsWith("first, after the loop: " + ms + "\n");

        assertThat(ran.timers()).as("one hour's sleep, started once").containsExactly(HOUR);
        assertThat(ran.took()).as("the workflow's time holds the hour once").isBetween(HOUR, HOUR.plusMinutes(30));
        assertThat(ran.scheduled()).isEqualTo(2001);
        for (WorkflowExecutionHistory h : ran.runs()) WorkflowReplayer.replayWorkflowExecution(h, OrchWorkflowImpl.class);
    }

    @Test
    void aRetrysJitteredBackoffBeforeTheCutIsNeitherDrawnAgainNorWaitedAgain() throws Exception {
        // The first attempt fails at its end, after 1,000 calls; the second's 1,000 calls pass 10,000 events.
        String source = """
                model m = mock()
                model flaky = mock(fail_first: 1, rules: { ".": "steady" })
                agent a { model: m }
                agent f { model: flaky }
                workflow main(xs: list) {
                  retry 2 backoff 2h jitter {
                    for x in xs {
                      a("step {x}")
                    }
                    r = f("the end")
                  }
                  print "{r} after {r.attempts} attempts"
                }
                """;
        Ran ran = both("retry-jitter", source, steps(1000));

        assertThat(ran.outcome().error()).as(ran.outcome().message()).isNull();
        assertThat(ran.runs()).as("the run continued as new").hasSizeGreaterThan(1);
        assertThat(ran.outcome().stdout()).isEqualTo(ran.local()).isEqualTo("steady after 2 attempts\n");
        assertThat(ran.outcome().calls()).isEqualTo(2002);
        assertThat(ran.scheduled()).as("no attempt's call made again").isEqualTo(2002);

        List<Duration> timers = ran.timers();
        assertThat(timers).as("one backoff, started once, by the first run").hasSize(1);
        assertThat(ran.timersOf(ran.runs().getFirst())).isEqualTo(timers);
        List<Long> delays = retries("retry-jitter", ran.runIds().getLast());
        assertThat(delays).as("the last run's retry event draws the first run's wait").containsExactly(timers.getFirst().toMillis());
        assertThat(ran.took()).as("the workflow's time holds the backoff once")
                .isBetween(timers.getFirst(), timers.getFirst().plusMinutes(30));
        for (WorkflowExecutionHistory h : ran.runs()) WorkflowReplayer.replayWorkflowExecution(h, OrchWorkflowImpl.class);
    }

    @Test
    void aQuestionWaitingAcrossTheCutKeepsItsDeadline() throws Exception {
        // Each step sleeps a minute, so the cut comes some 15 hours in, while the question waits for its 30.
        String source = """
                model m = mock()
                agent a { model: m }
                workflow main(xs: list) {
                  parallel {
                    answer = ask("Go on?", timeout: 30h, default: "yes")
                    for x in xs {
                      a("step {x}")
                      sleep(1m)
                    }
                  }
                  print "answered {answer}"
                }
                """;
        Ran ran = onTemporal("ask-deadline", source, steps(1000), "");

        assertThat(ran.outcome().error()).as(ran.outcome().message()).isNull();
        assertThat(ran.runs()).as("the run continued as new").hasSizeGreaterThan(1);
        assertThat(ran.outcome().stdout()).isEqualTo("answered yes\n");
        assertThat(ran.took()).as("the question timed out 30 hours after it was asked, not after the cut")
                .isBetween(Duration.ofHours(30), Duration.ofHours(31));
        for (WorkflowExecutionHistory h : ran.runs()) WorkflowReplayer.replayWorkflowExecution(h, OrchWorkflowImpl.class);
    }

    private static String steps(int n) {
        return "{\"xs\": [" + String.join(", ", IntStream.range(0, n).mapToObj(Integer::toString).toList()) + "]}";
    }

    private static String shape(String stdout) {
        return stdout.replaceAll("\\d+ms", "Nms");
    }

    /** What the run {@code runId} had printed when it ended (a closed run still answers the query). */
    private static String stdoutOf(String id, String runId) {
        return temporal.client().newUntypedWorkflowStub(id, Optional.of(runId), Optional.empty()).query("stdout", String.class);
    }

    /** The backoff each retry event of the run {@code runId} announced. */
    private static List<Long> retries(String id, String runId) {
        RunProgress p = temporal.client().newUntypedWorkflowStub(id, Optional.of(runId), Optional.empty())
                .query("progress", RunProgress.class, 0, 0L);
        return p.events().stream().map(EventWire::read).filter(e -> e instanceof RunEvent.TaskRetry)
                .map(e -> ((RunEvent.TaskRetry) e).delayMs()).toList();
    }

    private record Ran(RunOutcome outcome, String local, List<WorkflowExecutionHistory> runs, List<String> runIds) {
        long scheduled() {
            return runs.stream().flatMap(h -> h.getEvents().stream())
                    .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).count();
        }

        List<Duration> timers() {
            return runs.stream().flatMap(h -> timersOf(h).stream()).toList();
        }

        List<Duration> timersOf(WorkflowExecutionHistory h) {
            return h.getEvents().stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
                    .map(e -> e.getTimerStartedEventAttributes().getStartToFireTimeout())
                    .map(d -> Duration.ofSeconds(d.getSeconds(), d.getNanos())).toList();
        }

        /** From the first run's start to the last run's end, on the workflow's (time-skipping) clock. */
        Duration took() {
            HistoryEvent first = runs.getFirst().getEvents().getFirst(), last = runs.getLast().getLastEvent();
            return Duration.ofSeconds(last.getEventTime().getSeconds() - first.getEventTime().getSeconds());
        }
    }

    private static Ran both(String id, String source, String args) throws Exception {
        Compilation c = Compiler.compile(new SourceFile(root.resolve(id + ".orch").toString(), source), CompileOptions.run(Set.of()));
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        Plan plan = c.plan();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunOptions options = new RunOptions(root, List.of(), new PrintStream(out, true, StandardCharsets.UTF_8), RunListener.NONE,
                "local-" + id, null);
        RunResult local;
        try (LocalEngine engine = new LocalEngine(options, new JumpingClock())) {
            local = Interpreter.runKeepingNames(plan, "main", Wire.readOptions(args), options, Journal.NONE, engine).result();
        }
        assertThat(local.error()).isNull();
        return onTemporal(id, source, args, out.toString(StandardCharsets.UTF_8));
    }

    private static Ran onTemporal(String id, String source, String args, String local) throws Exception {
        Compilation c = Compiler.compile(new SourceFile(root.resolve(id + ".orch").toString(), source), CompileOptions.run(Set.of()));
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        String json = PlanJson.write(c.plan());
        OrchWorkflow run = temporal.newRun(QUEUE, id);
        WorkflowExecution first = WorkflowClient.start(run::run, new RunInput(json, PlanHash.of(json), "main", args, id, List.of()));
        RunOutcome outcome = Bounded.outcome(temporal.client(), run, id);

        List<WorkflowExecutionHistory> runs = new ArrayList<>();
        List<String> runIds = new ArrayList<>();
        String runId = first.getRunId();
        while (runId != null) {
            runIds.add(runId);
            WorkflowExecutionHistory h = temporal.client().fetchHistory(id, runId);
            runs.add(h);
            HistoryEvent last = h.getLastEvent();
            runId = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId() : null;
        }
        return new Ran(outcome, local, runs, runIds);
    }
}

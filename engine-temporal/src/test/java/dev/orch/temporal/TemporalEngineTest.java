package dev.orch.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.RunResult;
import dev.orch.interpreter.events.RunListener;
import io.temporal.client.WorkflowClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's control flow on Temporal gives what it gives locally: retry with backoff on workflow timers (skipped
 * by the test service), race and timeout cancelling what they stop, a failing branch stopping its siblings, `ask`
 * answered by a signal; and a plan that is not the one its sha256 names is refused, as is one that needs a grant the
 * worker does not give.
 */
class TemporalEngineTest {
    private static final String QUEUE = "orch-engine";
    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    static Path root;

    @RegisterExtension
    static final TemporalTestService temporal = TemporalTestService.workerIn(QUEUE, () -> root);

    @Test
    void retryWaitsItsBackoffOnWorkflowTimers() {
        RunOutcome there = onTemporal("""
                model flaky = mock(fail_first: 2)
                agent a { model: flaky }
                workflow main() {
                  retry 3 backoff 10m {
                    r = a("hello")
                  }
                  print "{r} after {r.attempts} attempts"
                }
                """);
        assertThat(there.stdout()).isEqualTo("hello after 3 attempts\n");
        assertThat(there.ms()).as("10m and 20m of backoff, skipped by the test service").isGreaterThanOrEqualTo(30 * 60_000);
    }

    @Test
    void theFirstToFinishWinsTheRaceAndATimeoutCanBeCaught() {
        Both b = both("""
                model quick = mock(rules: { ".": "quick" })
                model slow = mock(latency: 3s, rules: { ".": "slow" })
                agent fast { model: quick }
                agent late { model: slow }
                workflow main() {
                  race {
                    w = late("one")
                    w = fast("two")
                  }
                  print w
                  try {
                    timeout 200ms {
                      x = late("three")
                    }
                  } catch timeout as e {
                    x = "gave up: {e.kind}"
                  }
                  print x
                }
                """);
        assertThat(b.there().stdout()).isEqualTo("quick\ngave up: timeout\n").isEqualTo(b.here());
    }

    @Test
    void aFailingBranchFailsTheParallelBlock() {
        Both b = both("""
                model bad = mock(fail: ".")
                model good = mock()
                agent breaks { model: bad }
                agent works { model: good }
                workflow main() {
                  parallel {
                    x = works("fine")
                    y = breaks("down")
                  }
                  print "not reached"
                }
                """);
        assertThat(b.there().error()).isEqualTo("server").isEqualTo(b.local().error().kind().word());
        assertThat(b.there().stdout()).isEmpty();
    }

    @Test
    void aParallelForUnderABudgetWaitsForCallsInFlightAsItDoesLocally() {
        // Six calls that may each need 2000 tokens fit one at a time in 12000, never all at once: they wait, not fail.
        Both b = both("""
                model m = mock(price_in: 1, price_out: 2)
                agent a { model: m, max_tokens: 2000 }
                budget { tokens: 12000 }
                workflow main() {
                  rs = for i in [1, 2, 3, 4, 5, 6] parallel {
                    a("review part {i}")
                  }
                  print len(rs)
                }
                """);
        assertThat(b.there().stdout()).isEqualTo("6\n").isEqualTo(b.here());
        assertThat(b.there().cost()).isPositive().isEqualTo(b.local().cost());
    }

    @Test
    void aSleepOfAnHourIsADurableTimer() {
        RunOutcome there = onTemporal("""
                workflow main() {
                  sleep(1h)
                  print "awake"
                }
                """);
        assertThat(there.stdout()).isEqualTo("awake\n");
        assertThat(there.ms()).isGreaterThanOrEqualTo(3_600_000);
    }

    @Test
    void anAskWaitsForTheAnswerSignal() {
        String plan = plan("""
                workflow main() {
                  ok = ask("Deploy?", options: ["yes", "no"])
                  print "answer: {ok}"
                }
                """);
        String id = "ask-" + RUNS.incrementAndGet();
        OrchWorkflow run = temporal.newRun(QUEUE, id);
        WorkflowClient.start(run::run, new RunInput(plan, PlanHash.of(plan), "main", "{}", id, List.of()));
        run.answer("yes", null);
        RunOutcome outcome = Bounded.outcome(temporal.client(), run, id);
        assertThat(outcome.stdout()).isEqualTo("answer: yes\n");
    }

    @Test
    void aPlanThatIsNotTheOneItsHashNamesIsRefused() {
        String plan = plan("""
                workflow main() {
                  print "hi"
                }
                """);
        RunOutcome outcome = Bounded.run(temporal.client(), start("refused"),
                new RunInput(plan, PlanHash.of(plan + " "), "main", "{}", "refused", List.of()), "refused");
        assertThat(outcome.error()).isEqualTo("fail");
        assertThat(outcome.message()).startsWith("the plan does not match its sha256");
        assertThat(outcome.stdout()).isEmpty();
    }

    @Test
    void anMcpServerThatRunsAProgramNeedsTheWorkersShellGrant() {
        String plan = PlanJson.write(compile("""
                mcp files { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "."] }
                model m = mock()
                agent a { model: m, tools: [files] }
                workflow main() {
                  print a("hi")
                }
                """, Set.of("shell")).plan());
        RunOutcome outcome = Bounded.run(temporal.client(), start("mcp"),
                new RunInput(plan, PlanHash.of(plan), "main", "{}", "mcp", List.of("shell")), "mcp");
        assertThat(outcome.error()).isEqualTo(RunOutcome.UNGRANTED);
        assertThat(outcome.message()).isEqualTo("the worker does not grant shell, which the plan was compiled with; start"
                + " `orch worker` with --allow shell (or run the script without it)");
        assertThat(outcome.stdout()).isEmpty();
    }

    private record Both(RunResult local, String here, RunOutcome there) {}

    /** Runs the script locally and on Temporal, in the same folder. */
    private static Both both(String source) {
        Compilation c = compile(source);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunResult local = Interpreter.run(c.plan(), "main", Map.of(), new RunOptions(root, List.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), RunListener.NONE, "local", null));
        String plan = PlanJson.write(c.plan());
        String id = "run-" + RUNS.incrementAndGet();
        RunOutcome there = Bounded.run(temporal.client(), start(id), new RunInput(plan, PlanHash.of(plan), "main", "{}", id, List.of()), id);
        return new Both(local, out.toString(StandardCharsets.UTF_8), there);
    }

    /** On Temporal only: what waits minutes there would wait minutes of wall time locally. */
    private static RunOutcome onTemporal(String source) {
        String plan = plan(source);
        String id = "run-" + RUNS.incrementAndGet();
        return Bounded.run(temporal.client(), start(id), new RunInput(plan, PlanHash.of(plan), "main", "{}", id, List.of()), id);
    }

    private static OrchWorkflow start(String id) {
        return temporal.newRun(QUEUE, id);
    }

    private static String plan(String source) {
        return PlanJson.write(compile(source).plan());
    }

    private static Compilation compile(String source) {
        return compile(source, Set.of());
    }

    private static Compilation compile(String source, Set<String> allowed) {
        try {
            Path file = Files.writeString(root.resolve("test.orch"), source);
            Compilation c = Compiler.compile(new SourceFile(file.toString(), source), CompileOptions.run(allowed));
            assertThat(c.hasErrors()).as(c.render()).isFalse();
            return c;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

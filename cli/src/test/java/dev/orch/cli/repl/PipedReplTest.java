package dev.orch.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.cli.CliRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** `orch repl` with its input from a pipe: what a script driving it sees on stdout and stderr, and the exit code. */
class PipedReplTest {
    record Result(int exit, String out, String err) {}

    static Result repl(String input) {
        CliRun r = CliRun.withInput(input, "repl");
        return new Result(r.exitCode(), r.stdout(), r.stderr());
    }

    private static final String DECLARATIONS = """
            model fast = mock(latency: 10ms, rules: { "^Plan": "plan ready", "^Review (.*)": "looks good" })
            agent planner { model: fast, system: "You plan." }
            """;

    @Test
    void shWithoutTheGrantSaysHowToStartTheReplWithIt() {
        Result r = repl("x = sh(\"ls\")\n");
        assertThat(r.err()).contains("sh needs `--allow shell`", "hint: start the REPL as: orch repl --allow shell")
                .doesNotContain("orch run");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void aNameAssignedInOneEntryIsReadInTheNext() {
        Result r = repl(DECLARATIONS + """
                plan = planner("Plan the release")
                print "got: {plan}"
                plan.model
                """);
        assertThat(r.out()).isEqualTo("got: plan ready\nfast\n");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void aParallelBlockOverSeveralLinesIsOneEntryAndPlanShowsItsOwnLines() {
        Result r = repl(DECLARATIONS + """
                topic = "search"
                parallel {
                  a = planner("Plan the API for {topic}")
                  b = planner("Review {topic}")
                }
                print a + " / " + b
                :plan
                """);
        assertThat(r.out()).startsWith("plan ready / looks good\nplan of the last entry\n");
        // The plan is of the last entry (the print), which waits for both branches of the entry before it.
        assertThat(r.out()).containsPattern("\n  1:1 +print a \\+ \" / \" \\+ b\n");
        Result plan = repl(DECLARATIONS + """
                parallel {
                  a = planner("Plan A")
                  b = planner("Review B")
                }
                :plan
                """);
        assertThat(plan.out()).contains(
                "  1:1  parallel: 2 branches, all at once, one failing cancels the others\n",
                "  2:3    a = planner(\"Plan A\")   [planner on fast]\n",
                "  3:3    b = planner(\"Review B\")   [planner on fast]\n",
                "critical path: 2:3 a\n");
        assertThat(plan.out()).doesNotContain("__a", "workflow main");
    }

    @Test
    void anErrorPointsIntoTheEntryAndTheNextEntryStillRuns() {
        Result r = repl(DECLARATIONS + """
                x = 1
                parallel {
                  y = plannr("Plan it")
                }
                print x + 1
                """);
        assertThat(r.err()).contains("""
                repl:2:7: error: unknown agent, workflow or builtin 'plannr'
                  y = plannr("Plan it")
                      ^^^^^^
                """);
        assertThat(r.out()).isEqualTo("2\n");
        assertThat(r.exit()).as("piped input: an entry failed").isEqualTo(1);
    }

    @Test
    void aFailedRunNamesTheEntrysLineAndKeepsTheNamesAsTheyWere() {
        Result r = repl(DECLARATIONS + """
                var n = 1
                sequence {
                  n = n + 1
                  fail "stop at {n}"
                }
                n = n + 10
                n
                """);
        assertThat(r.err()).contains("repl:3:3: error: fail: stop at 2 (task main/3:3, after 1 attempt)\n"
                + "  fail \"stop at {n}\"\n  ^^^^^^^^^^^^^^^^^^");
        assertThat(r.out()).isEqualTo("11\n");
    }

    @Test
    void aDeclarationCanBeReplacedAndNamesCanBeRebound() {
        Result r = repl(DECLARATIONS + """
                agent planner { model: fast, system: "You plan, briefly." }
                x = planner("Plan one")
                x = "rebound"
                x
                :agents
                """);
        assertThat(r.out()).isEqualTo("rebound\nagent planner { model: fast, system: \"You plan, briefly.\" }\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void aBrokenDeclarationIsRefusedAndTheOldOneStays() {
        Result r = repl(DECLARATIONS + """
                agent planner { model: nowhere }
                planner("Plan still")
                """);
        assertThat(r.err()).contains("repl:1:24: error: unknown model 'nowhere'");
        assertThat(r.out()).isEqualTo("plan ready\n");
    }

    @Test
    void loadBringsAScriptsDeclarationsInAndPlanShowsAWorkflow() {
        Result r = repl("""
                :load ../examples/retry.orch
                :models
                """);
        assertThat(r.err()).contains("loaded ../examples/retry.orch: model flaky, agent worker");
        assertThat(r.out()).contains("model ");
        assertThat(repl(":plan nothing\n").err()).contains("no workflow 'nothing'; none is declared");
    }

    @Test
    void commandsListNamesAndAnUnknownCommandSaysSo() {
        Result r = repl("""
                a = 2
                b = [a, "x"]
                :names
                :nope
                :reset
                :names
                """);
        assertThat(r.out()).isEqualTo("a = 2   (number)\nb = [2,\"x\"]   (list)\n(no names yet)\n");
        assertThat(r.err()).contains("unknown command :nope; :help lists the commands");
    }

    @Test
    void anEntryStillOpenAtTheEndOfTheInputIsReported() {
        Result r = repl("parallel {\n  a = 1\n");
        assertThat(r.err()).isEqualTo("""
                repl:1:10: error: the input ended before this { was closed
                parallel {
                         ^
                hint: close it where the entry ends
                """);
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void traceNamesEachCallByItsPlaceInTheEntry() {
        Result r = repl(DECLARATIONS + """
                :trace on
                sequence {
                  p = planner("Plan it")
                }
                """);
        assertThat(r.err()).contains("start main/2:3 \"p\" planner (fast)");
    }

    @Test
    void quitStopsReading() {
        Result r = repl("print 1\n:quit\nprint 2\n");
        assertThat(r.out()).isEqualTo("1\n");
        assertThat(r.exit()).isZero();
    }
}

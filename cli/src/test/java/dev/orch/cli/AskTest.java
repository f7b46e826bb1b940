package dev.orch.cli;

import static dev.orch.cli.ResumeTest.orch;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ask` with nobody at a terminal: the run is journaled and waits (exit 3), `orch runs` shows its question,
 * `orch answer` checks the answer against the options and continues the run in its own process, and a timeout
 * takes the default however late the answer comes.
 */
class AskTest {
    private static final String DEPLOY = """
            workflow main(version: text = "1.2") {
              print "building {version}"
              append("deploys.log", "built {version}\\n")
              phase "approve" {
                ok = ask("Deploy {version} to production?", options: ["yes", "no"], timeout: 4h, default: "no")
              }
              if ok == "no" { fail "deploy refused" }
              print "deployed {version}"
            }
            """;

    @TempDir
    Path dir;

    /** A child `orch` process with stdin a pipe that is closed at once: no terminal, as under CI or cron. */
    private ProcessRun child(String... args) throws IOException, InterruptedException {
        Process p = CliRun.process(orch(args)).directory(dir.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new ProcessRun(p.exitValue(), out, err);
    }

    private record ProcessRun(int exitCode, String stdout, String stderr) {}

    private static String runId(String stderr) {
        int at = stderr.indexOf("orch answer ");
        assertThat(at).as(stderr).isNotNegative();
        return stderr.substring(at + "orch answer ".length()).split(" ")[0];
    }

    @Test
    void aPipedRunWaitsWithExit3AndOrchAnswerFinishesItAfterRefusingAWrongAnswer() throws Exception {
        Path script = dir.resolve("deploy.orch");
        Files.writeString(script, DEPLOY);
        Path store = dir.resolve("runs.db");

        ProcessRun asked = child("run", script.toString(), "-q", "--store", store.toString(), "--allow", "write:.");
        assertThat(asked.exitCode()).as(asked.stderr()).isEqualTo(3);
        assertThat(asked.stdout()).isEqualTo("building 1.2\n");
        String runId = runId(asked.stderr());
        assertThat(asked.stderr()).contains("orch: run " + runId + " waits for an answer:",
                "  q1: Deploy 1.2 to production? [yes/no] (default \"no\" at ",
                "orch answer " + runId + " --store runs.db --allow write:. yes").doesNotContain("Exception");

        CliRun runs = CliRun.of("runs", "--store", store.toString());
        assertThat(runs.stdout()).contains(runId + "  waiting", runId + " waits for an answer:",
                "  q1: Deploy 1.2 to production? [yes/no] (default \"no\" at ", "    orch answer " + runId + " yes");
        assertThat(CliRun.of("runs", "--store", store.toString(), "--status", "waiting").stdout()).contains(runId);

        CliRun show = CliRun.of("show", runId, "--store", store.toString());
        assertThat(show.stdout()).contains(runId + "  waiting", "phase \"approve\"", "waiting", runId + " waits for an answer:",
                "  q1: Deploy 1.2 to production? [yes/no]", "    orch answer " + runId + " yes");
        assertThat(show.stdout().lines().filter(l -> l.startsWith("phase \"approve\"")).findFirst().orElseThrow())
                .contains("waiting");

        CliRun wrong = CliRun.of("answer", runId, "maybe", "--store", store.toString());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.stderr()).isEqualTo("orch: \"maybe\" is not an answer to q1 (\"Deploy 1.2 to production?\"):"
                + " answer one of \"yes\", \"no\"; nothing was recorded\n");

        ProcessRun answered = child("answer", runId, "yes", "-q", "--store", store.toString(), "--allow", "write:.");
        assertThat(answered.exitCode()).as(answered.stderr()).isZero();
        assertThat(answered.stdout()).isEqualTo("building 1.2\ndeployed 1.2\n");
        // The append before the ask was journaled: continuing the run did not do it again.
        assertThat(Files.readString(dir.resolve("deploys.log"))).isEqualTo("built 1.2\n");
        assertThat(CliRun.of("runs", "--store", store.toString()).stdout()).contains(runId + "  succeeded")
                .doesNotContain("waits for");

        CliRun again = CliRun.of("answer", runId, "yes", "--store", store.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.stderr()).contains("run " + runId + " is not waiting for an answer (it is succeeded)");
    }

    @Test
    void onATerminalTheRunAsksInlineAndAsksAgainAfterAWrongAnswer() throws Exception {
        // A real terminal: util-linux `script` runs orch on a pseudo-terminal and passes the typed lines to it.
        Path scriptTool = Path.of("/usr/bin/script");
        Assumptions.assumeTrue(Files.isExecutable(scriptTool), "needs util-linux script for a pseudo-terminal");
        Path script = dir.resolve("deploy.orch");
        Files.writeString(script, DEPLOY);
        String command = String.join(" ", orch("run", script.toString(), "--plain", "--store", dir.resolve("runs.db").toString(),
                "--allow", "write:.").stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
        Process p = CliRun.process(List.of(scriptTool.toString(), "-qec", command, "/dev/null")).directory(dir.toFile())
                .redirectErrorStream(true).start();
        p.getOutputStream().write("maybe\nyes\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        String screen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(screen).isZero();
        assertThat(screen).contains("? Deploy 1.2 to production? [yes/no] (default no in 4h) ",
                "\"maybe\" is not an answer: answer one of \"yes\", \"no\"", "building 1.2\n", "deployed 1.2\n");
        assertThat(count(screen, "? Deploy 1.2 to production?")).isEqualTo(2);
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
        return n;
    }

    @Test
    void afterTheTimeoutTheDefaultIsTakenEvenWhenAnAnswerComesLateOrTheRunIsResumed() throws Exception {
        Path script = dir.resolve("go.orch");
        Files.writeString(script, """
                workflow main() {
                  ok = ask("Go?", options: ["yes", "no"], timeout: 1s, default: "no")
                  print "answer: {ok}"
                }
                """);
        Path store = dir.resolve("runs.db");
        CliRun first = CliRun.of("run", script.toString(), "-q", "--no-input", "--store", store.toString());
        assertThat(first.exitCode()).as(first.stderr()).isEqualTo(3);
        String late = runId(first.stderr());
        CliRun second = CliRun.of("run", script.toString(), "-q", "--no-input", "--store", store.toString());
        String resumed = runId(second.stderr());
        Thread.sleep(1100);

        CliRun answered = CliRun.of("answer", late, "yes", "-q", "--store", store.toString());
        assertThat(answered.exitCode()).as(answered.stderr()).isZero();
        assertThat(answered.stderr()).contains("q1 (\"Go?\") timed out at", "the run goes on with its default, \"no\"");
        assertThat(answered.stdout()).isEqualTo("answer: no\n");

        CliRun resume = CliRun.of("resume", resumed, "-q", "--no-input", "--store", store.toString());
        assertThat(resume.exitCode()).as(resume.stderr()).isZero();
        assertThat(resume.stdout()).isEqualTo("answer: no\n");
    }

    @Test
    void withoutADefaultTheTimeoutFailsTheAskWithTimeout() throws Exception {
        Path script = dir.resolve("go.orch");
        Files.writeString(script, """
                workflow main() {
                  ok = ask("Go?", timeout: 1s)
                  print "answer: {ok}"
                }
                """);
        Path store = dir.resolve("runs.db");
        CliRun first = CliRun.of("run", script.toString(), "-q", "--no-input", "--store", store.toString());
        assertThat(first.exitCode()).isEqualTo(3);
        assertThat(first.stderr()).contains("q1: Go? (times out at ");
        Thread.sleep(1100);
        CliRun resume = CliRun.of("resume", runId(first.stderr()), "-q", "--no-input", "--store", store.toString());
        assertThat(resume.exitCode()).isEqualTo(1);
        assertThat(resume.stderr()).contains("timeout: nobody answered \"Go?\" within 1s, and the ask has no default")
                .doesNotContain("Exception");
    }

    @Test
    void twoQuestionsWaitingAtOnceAreAnsweredOneByOneByTheirIds() throws Exception {
        Path script = dir.resolve("two.orch");
        Files.writeString(script, """
                workflow main() {
                  parallel {
                    a = ask("Ship the API?", options: ["yes", "no"])
                    b = ask("Ship the docs?", options: ["yes", "no"])
                  }
                  print "api {a}, docs {b}"
                }
                """);
        Path store = dir.resolve("runs.db");
        CliRun first = CliRun.of("run", script.toString(), "-q", "--no-input", "--store", store.toString());
        assertThat(first.exitCode()).as(first.stderr()).isEqualTo(3);
        assertThat(first.stderr()).contains("waits for 2 answers:", "Ship the API? [yes/no]", "Ship the docs? [yes/no]");
        String runId = runId(first.stderr());

        CliRun which = CliRun.of("answer", runId, "yes", "--store", store.toString());
        assertThat(which.exitCode()).isEqualTo(2);
        assertThat(which.stderr()).contains("run " + runId + " waits for 2 answers; give --question ID:");

        List<String> ids = new ArrayList<>();
        for (String line : CliRun.of("runs", "--store", store.toString()).stdout().lines().toList()) {
            if (line.startsWith("  q")) ids.add(line.strip().split(":")[0] + "=" + (line.contains("API") ? "yes" : "no"));
        }
        assertThat(ids).hasSize(2);
        String[] firstAnswer = ids.get(0).split("=");
        CliRun one = CliRun.of("answer", runId, "--question", firstAnswer[0], firstAnswer[1], "-q", "--no-input",
                "--store", store.toString());
        assertThat(one.exitCode()).as(one.stderr()).isEqualTo(3);
        String[] secondAnswer = ids.get(1).split("=");
        CliRun two = CliRun.of("answer", runId, secondAnswer[1], "-q", "--store", store.toString());
        assertThat(two.exitCode()).as(two.stderr()).isZero();
        assertThat(two.stdout()).isEqualTo("api yes, docs no\n");
    }
}

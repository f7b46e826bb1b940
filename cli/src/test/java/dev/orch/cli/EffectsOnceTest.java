package dev.orch.cli;

import static dev.orch.cli.ResumeTest.orch;
import static dev.orch.cli.ResumeTest.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sh`, `write` and `append` are journaled like agent calls: `orch run` killed with SIGKILL at several points and
 * then resumed leaves exactly one deploy line, however far the first run got.
 */
class EffectsOnceTest {
    private static final String SCRIPT = """
            model m = mock(latency: 300ms)
            agent a { model: m }
            workflow main() {
              sh("echo deployed >> deploys.log")
              built = a("build")
              append("notes.log", "appended after {built}\\n")
              checked = a("check")
              write("status.txt", "checked: {checked}")
              a("announce")
              print read("status.txt")
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aRunKilledAtAnyPointAndResumedDoesEachFinishedEffectOnce() throws Exception {
        // Killed while the first, second and third agent call is in flight: each effect before it is journaled.
        // The three runs go at once, so the test pays for one JVM start, not three.
        int points = 3;
        Path[] folders = new Path[points];
        Process[] children = new Process[points];
        for (int k = 0; k < points; k++) {
            folders[k] = Files.createDirectories(dir.resolve("killed-during-call-" + (k + 1)));
            Path script = folders[k].resolve("deploy.orch");
            Files.writeString(script, SCRIPT);
            List<String> command = orch("run", script.toString(), "-q", "--allow", "shell", "--trace",
                    folders[k].resolve("first.jsonl").toString());
            // A short-lived JVM starts faster without the optimising compiler; three start at once on a small machine.
            command.addAll(1, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
            children[k] = CliRun.process(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean[] killed = new boolean[points];
            for (int left = points; left > 0 && System.nanoTime() < deadline; Thread.sleep(10)) {
                for (int k = 0; k < points; k++) {
                    if (killed[k] || tasks(folders[k].resolve("first.jsonl"), "task_started").size() <= k) continue;
                    assertThat(children[k].isAlive()).as("run %d is still going when it is killed", k).isTrue();
                    children[k].destroyForcibly(); // SIGKILL: nothing is recorded after this point
                    killed[k] = true;
                    left--;
                }
            }
        } finally {
            for (Process child : children) {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }

        for (int k = 0; k < points; k++) {
            Path store = folders[k].resolve(".orch/runs.db");
            String runId = CliRun.of("runs", "--store", store.toString()).stdout().lines().skip(1).findFirst().orElseThrow()
                    .split(" ")[0];

            CliRun resumed = CliRun.of("resume", runId, "--store", store.toString(), "-q", "--allow", "shell");

            assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
            assertThat(resumed.stdout()).isEqualTo("checked: check\n");
            assertThat(resumed.stderr()).as("no file changed behind the journal's back").doesNotContain("warning");
            assertThat(Files.readAllLines(folders[k].resolve("deploys.log"))).as("killed during call " + (k + 1))
                    .containsExactly("deployed");
            assertThat(Files.readAllLines(folders[k].resolve("notes.log"))).containsExactly("appended after build");
        }
    }

    @Test
    void aReplayedWriteWhoseFileChangedSinceSaysSo() throws Exception {
        Path script = dir.resolve("w.orch");
        Files.writeString(script, """
                workflow main() {
                  write("out.txt", "first")
                  fail "stop here"
                }
                """);
        Path store = dir.resolve("runs.db");
        CliRun first = CliRun.of("run", script.toString(), "-q", "--store", store.toString());
        assertThat(first.exitCode()).isNotZero();
        Files.writeString(dir.resolve("out.txt"), "changed by hand");
        String runId = CliRun.of("runs", "--store", store.toString()).stdout().lines().skip(1).findFirst().orElseThrow()
                .split(" ")[0];

        CliRun resumed = CliRun.of("resume", runId, "--store", store.toString(), "--plain");

        assertThat(resumed.stderr()).contains("write(\"out.txt\") was replayed from the journal, not done again, but the"
                + " file no longer holds what it wrote");
        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("changed by hand");
        assertThat(List.of(resumed.exitCode())).doesNotContain(0);
    }
}

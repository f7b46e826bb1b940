package dev.orch.cli;

import static dev.orch.cli.ResumeTest.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every call readable: `orch show RUN TASK`, `--calls`, and tasks named by the script in progress and the trace. */
class ShowCallTest {
    @TempDir
    Path dir;

    @Test
    void aSwarmsTasksAreNamedByTheirAspectAndEachCallCanBeReadInFull() throws Exception {
        Path script = dir.resolve("swarm.orch");
        Files.writeString(script, """
                model m = mock()
                agent reviewer { model: m, system: "You review code." }
                workflow main() {
                  reports = for aspect in ["style", "security", "speed"] parallel {
                    reviewer("Review the handler for {aspect}.")
                  }
                  print len(reports)
                }
                """);
        Path store = dir.resolve("runs.db");
        Path trace = dir.resolve("trace.jsonl");
        CliRun run = CliRun.of("run", script.toString(), "--store", store.toString(), "--plain", "--trace", trace.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("\"reports[1] aspect=security\"");
        assertThat(events(trace, "task_started")).extracting(e -> e.get("label").asText())
                .containsExactlyInAnyOrder("reports[0] aspect=style", "reports[1] aspect=security", "reports[2] aspect=speed");
        String runId = CliRun.of("runs", "--store", store.toString()).stdout().lines().skip(1).findFirst().orElseThrow()
                .split(" ")[0];

        CliRun one = CliRun.of("show", runId, "reports[1]", "--store", store.toString());

        assertThat(one.exitCode()).as(one.stderr()).isZero();
        assertThat(one.stdout()).startsWith("task main/5:5[1]  reports[1] aspect=security\n")
                .contains("  system:\n    You review code.\n", "  prompt:\n    Review the handler for security.\n",
                        "  attempt 1: ok after ", "  reply:\n    Review the handler for security.\n");
        assertThat(CliRun.of("show", runId, "--calls", "--store", store.toString()).stdout())
                .contains("main/5:5[2] reports[2] aspect=speed", "Review the handler for speed.").hasLineCount(4);
        assertThat(CliRun.of("show", runId, "--store", store.toString()).stdout()).contains("main/5:5[0] reports[0] aspect=style");

        CliRun none = CliRun.of("show", runId, "reports[7]", "--store", store.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr()).isEqualTo("orch: run " + runId + " has no task \"reports[7]\"; `orch show " + runId
                + " --calls` lists them\n");
        CliRun several = CliRun.of("show", runId, "reports", "--store", store.toString());
        assertThat(several.exitCode()).isEqualTo(2);
        assertThat(several.stderr()).contains("names several tasks", "main/5:5[0]");
    }
}

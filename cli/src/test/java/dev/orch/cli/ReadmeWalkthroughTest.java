package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Write your first script" says what each command prints: it stays true. */
class ReadmeWalkthroughTest {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path dir;

    @Test
    void theFirstScriptChecksPlansRunsAndItsTypoIsCaughtAsTheReadmeSays() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("## Write your first script");
        assertThat(section).as("the README has the walk-through").isPositive();
        int from = readme.indexOf("```orch\n", section) + "```orch\n".length();
        Path script = dir.resolve("first.orch");
        Files.writeString(script, readme.substring(from, readme.indexOf("```", from)));
        String walkthrough = readme.substring(section, readme.indexOf("\n## ", section + 1));

        CliRun check = CliRun.of("check", script.toString());
        assertThat(check.exitCode()).as(check.stderr()).isZero();
        assertThat(check.stdout() + check.stderr()).contains("first.orch: ok");
        assertThat(walkthrough).contains("# first.orch: ok");

        CliRun plan = CliRun.of("plan", script.toString());
        assertThat(plan.stdout()).contains("3 to 5 calls", "critical path: 13:5 short -> 17:5 review");
        assertThat(walkthrough).contains("3 to 5 calls, the critical path 13:5 short -> 17:5 review");

        CliRun run = CliRun.of("run", "-q", script.toString(), "--store", dir.resolve("runs.db").toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("verdict: approve\n");
        assertThat(walkthrough).contains("stdout: \"verdict: approve\", then the returned text");

        Files.writeString(script, Files.readString(script).replace("review.verdict ==", "review.verdit =="));
        CliRun typo = CliRun.of("check", script.toString());
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.stderr()).contains("first.orch:20:6: error: Review has no field 'verdit'", "hint: did you mean 'verdict'?");
        assertThat(walkthrough).contains("`first.orch:20:6: error: Review has no field 'verdit'`", "`hint: did you mean 'verdict'?`");
    }
}

package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `orch fmt` as a user meets it: files rewritten in place, `--check` for CI, syntax errors refused. */
class FmtCommandTest {
    @TempDir
    Path dir;

    @Test
    void theExamplesAreFormatted() {
        CliRun run = CliRun.of("fmt", "--check", Path.of("..", "examples").toString());
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void checkNamesAFileThatWouldChangeAndLeavesIt() throws IOException {
        Path messy = dir.resolve("messy.orch");
        Files.writeString(messy, "model  fast=mock()   // the model\n");
        Path clean = dir.resolve("clean.orch");
        Files.writeString(clean, "model fast = mock()\n");
        CliRun run = CliRun.of("fmt", "--check", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains(messy + ": not formatted").doesNotContain("clean.orch");
        assertThat(Files.readString(messy)).isEqualTo("model  fast=mock()   // the model\n");
    }

    @Test
    void fmtRewritesTheFileKeepingItsComment() throws IOException {
        Path messy = dir.resolve("messy.orch");
        Files.writeString(messy, "model  fast=mock()   // the model\n");
        CliRun run = CliRun.of("fmt", messy.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("formatted " + messy);
        assertThat(Files.readString(messy)).isEqualTo("model fast = mock() // the model\n");
        assertThat(CliRun.of("fmt", "--check", messy.toString()).exitCode()).isZero();
    }

    @Test
    void aSyntaxErrorIsShownAndTheFileLeftAlone() throws IOException {
        Path bad = dir.resolve("bad.orch");
        Files.writeString(bad, "workflow main( {\n");
        CliRun run = CliRun.of("fmt", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains(bad + ":1:").contains("error:").doesNotContain("Exception");
        assertThat(Files.readString(bad)).isEqualTo("workflow main( {\n");
    }

    @Test
    void aMissingFileIsOneLineAndExitTwo() {
        CliRun run = CliRun.of("fmt", dir.resolve("nope.orch").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("orch: " + dir.resolve("nope.orch") + ": no such file");
    }
}

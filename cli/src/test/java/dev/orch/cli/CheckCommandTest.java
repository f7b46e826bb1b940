package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `orch check` as a user meets it: exit codes, the rendered diagnostics, the summary line and `--json`. */
class CheckCommandTest {
    private static final String CLEAN = """
            model fast = mock(latency: 5ms)
            agent writer { model: fast, system: "You write." }

            workflow main(topic: text = "tests") {
              draft = writer("Write about {topic}")
              return draft
            }
            """;
    private static final String BROKEN = """
            workflow main() {
              a = f("x" max_tokens: 10)
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aCleanScriptExitsZeroAndSaysOk() throws IOException {
        Path file = write("clean.orch", CLEAN);
        CliRun run = CliRun.of("check", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr().strip()).isEqualTo(file + ": ok");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void everyExampleChecksClean() throws IOException {
        List<Path> examples;
        try (var files = Files.list(Path.of("..", "examples"))) {
            examples = files.filter(p -> p.toString().endsWith(".orch") && Files.isRegularFile(p)).sorted().toList();
        }
        String[] args = new String[examples.size() + 1];
        args[0] = "check";
        for (int i = 0; i < examples.size(); i++) args[i + 1] = examples.get(i).toString();
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).doesNotContain("error:");
    }

    @Test
    void aScriptWithAnErrorExitsTwoWithTheLineCaretAndHint() throws IOException {
        Path file = write("broken.orch", BROKEN);
        CliRun run = CliRun.of("check", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo(file + ":2:13: error: expected ',' or ')' after the string, found name 'max_tokens'\n"
                + "  a = f(\"x\" max_tokens: 10)\n"
                + "            ^^^^^^^^^^\n"
                + "hint: separate arguments with commas: f(x, key: value)\n"
                + "\n"
                + "1 error, 0 warnings in 1 file\n");
    }

    @Test
    void warningsAloneDoNotFailTheCheck() throws IOException {
        // `sh` without --allow shell is a warning at check time (an error only at run time).
        Path file = write("shell.orch", "workflow main() {\n  listing = sh(\"ls\")\n  print listing\n}\n");
        CliRun run = CliRun.of("check", file.toString());
        assumeTrue(run.stderr().contains("warning:"), "the capability check that warns about sh has not landed yet");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains(file + ":2:13: warning:").contains("0 errors, ");
    }

    @Test
    void severalFilesAreCheckedInOneCallAndSummedUp() throws IOException {
        Path clean = write("clean.orch", CLEAN);
        Path broken = write("broken.orch", BROKEN);
        Path alsoBroken = write("also-broken.orch", "model fast mock()\n");
        CliRun run = CliRun.of("check", clean.toString(), broken.toString(), alsoBroken.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains(broken + ":2:13: error:").contains(alsoBroken + ":1:12: error:")
                .doesNotContain(clean + ":").endsWith("2 errors, 0 warnings in 3 files\n");

        CliRun allClean = CliRun.of("check", clean.toString(), clean.toString());
        assertThat(allClean.exitCode()).isZero();
        assertThat(allClean.stderr()).isEqualTo("0 errors, 0 warnings in 2 files\n");
    }

    @Test
    void jsonOutputHasOneObjectPerDiagnosticAndTheCounts() throws IOException {
        Path clean = write("clean.orch", CLEAN);
        Path broken = write("broken.orch", BROKEN);
        CliRun run = CliRun.of("check", "--json", clean.toString(), broken.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEmpty();
        JsonNode root = new ObjectMapper().readTree(run.stdout());
        assertThat(root.properties()).extracting(e -> e.getKey()).containsExactly("diagnostics", "errors", "warnings");
        assertThat(root.get("errors").asInt()).isEqualTo(1);
        assertThat(root.get("warnings").asInt()).isZero();
        assertThat(root.get("diagnostics")).hasSize(1);
        JsonNode d = root.get("diagnostics").get(0);
        assertThat(d.properties()).extracting(e -> e.getKey())
                .containsExactly("file", "line", "col", "length", "severity", "message", "hint");
        assertThat(d.get("file").asText()).isEqualTo(broken.toString());
        assertThat(d.get("line").asInt()).isEqualTo(2);
        assertThat(d.get("col").asInt()).isEqualTo(13);
        assertThat(d.get("length").asInt()).isEqualTo("max_tokens".length());
        assertThat(d.get("severity").asText()).isEqualTo("error");
        assertThat(d.get("message").asText()).startsWith("expected ',' or ')'");
        assertThat(d.get("hint").asText()).contains("commas");

        CliRun cleanRun = CliRun.of("check", "--json", clean.toString());
        assertThat(cleanRun.exitCode()).isZero();
        JsonNode none = new ObjectMapper().readTree(cleanRun.stdout());
        assertThat(none.get("diagnostics")).isEmpty();
        assertThat(none.get("errors").asInt()).isZero();
    }

    @Test
    void aMissingFileIsOneClearLineAndExitTwo() {
        Path missing = dir.resolve("nope.orch");
        CliRun run = CliRun.of("check", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("orch: " + missing + ": no such file\n");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aFolderIsRefusedInOneLine() {
        CliRun run = CliRun.of("check", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("orch: " + dir + " is a folder; give a .orch file\n");
    }

    @Test
    void helpDescribesTheCommandAndExitsZero() {
        CliRun run = CliRun.of("check", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("Usage: orch check", "FILE", "--json", "Exit: 0 when there are no errors");

        CliRun top = CliRun.of("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.stdout()).contains("Usage: orch", "check");
    }

    @Test
    void usageMistakesExitTwoWithAPointerToHelp() {
        CliRun noFile = CliRun.of("check");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.stderr()).contains("orch: Missing required parameter", "Try 'orch check --help'");

        CliRun badOption = CliRun.of("check", "--jsn", "x.orch");
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.stderr()).contains("--jsn").doesNotContain("Exception");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}

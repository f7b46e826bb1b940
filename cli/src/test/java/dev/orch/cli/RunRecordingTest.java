package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `orch run` records every run in the store: where the store lives, what happens when it cannot be used (one clear
 * line, exit 2, no run started and none lost), and that no secret ever reaches it.
 */
class RunRecordingTest {
    @TempDir
    Path dir;

    private Path script() throws Exception {
        Path file = dir.resolve("hello.orch");
        Files.writeString(file, """
                model m = mock()
                agent a { model: m }
                workflow main() {
                  phase "greet" {
                    x = a("hello")
                  }
                  print "printed"
                  return x
                }
                """);
        return file;
    }

    @Test
    void aRunIsRecordedBesideTheScriptUnlessToldOtherwise() throws Exception {
        Path file = script();
        CliRun run = CliRun.of("run", file.toString(), "-q");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(dir.resolve(".orch/runs.db")).exists();
        CliRun runs = CliRun.of("runs", "--store", dir.resolve(".orch/runs.db").toString());
        assertThat(runs.stdout()).contains("succeeded", "hello.orch");
        assertThat(runs.stdout().lines().filter(l -> l.contains("succeeded")).findFirst().orElseThrow()).contains("  1  ");

        Path elsewhere = dir.resolve("elsewhere/my.db");
        assertThat(CliRun.of("run", file.toString(), "-q", "--store", elsewhere.toString()).exitCode()).isZero();
        assertThat(CliRun.of("runs", "--store", elsewhere.toString()).stdout()).contains("succeeded");

        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Path copy = other.resolve("hello.orch");
        Files.copy(file, copy);
        CliRun unrecorded = CliRun.of("run", copy.toString(), "-q", "--no-store");
        assertThat(unrecorded.exitCode()).isZero();
        assertThat(unrecorded.stdout()).isEqualTo("printed\nhello\n");
        assertThat(other.resolve(".orch")).doesNotExist();
    }

    @Test
    void aFailedRunIsRecordedAsFailedAndSaysHowToResumeIt() throws Exception {
        Path file = dir.resolve("fails.orch");
        Files.writeString(file, """
                model m = mock(fail: "boom")
                agent a { model: m }
                workflow main() {
                  x = a("boom")
                  return x
                }
                """);
        Path store = dir.resolve("runs.db");
        CliRun run = CliRun.of("run", file.toString(), "-q", "--store", store.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("`orch resume ").contains(" --store ");
        CliRun runs = CliRun.of("runs", "--store", store.toString());
        assertThat(runs.stdout()).contains("failed");
        String id = runs.stdout().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
        CliRun show = CliRun.of("show", id, "--store", store.toString());
        assertThat(show.stdout()).contains("error: server: ", "main/4:3", "failed");
    }

    @Test
    void aPrefixMatchingSeveralRunsListsThemAllTheSameWay() throws Exception {
        Path file = script();
        Path store = dir.resolve("runs.db");
        for (int i = 0; i < 2; i++) assertThat(CliRun.of("run", file.toString(), "-q", "--store", store.toString()).exitCode()).isZero();
        CliRun show = CliRun.of("show", "20", "--store", store.toString());
        assertThat(show.exitCode()).isEqualTo(2);
        List<String> lines = show.stderr().lines().toList();
        assertThat(lines.get(0)).isEqualTo("orch: \"20\" matches several runs; give more of the id:");
        assertThat(lines.subList(1, lines.size())).hasSize(2)
                .allSatisfy(l -> assertThat(l).matches("  20\\d{6}-\\d{4,6}-\\w+  .*hello\\.orch  \\(.*runs\\.db\\)"));
    }

    @Test
    void warningsStayQuietUnderQ() throws Exception {
        Path file = dir.resolve("warn.orch");
        Files.writeString(file, "workflow main() {\n  unused = 1\n  print 2\n}\n");
        CliRun quiet = CliRun.of("run", file.toString(), "-q", "--no-store");
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.stderr()).isEmpty();
        assertThat(CliRun.of("run", file.toString(), "--plain", "--no-store").stderr()).contains("warning: 'unused'");
    }

    @Test
    void aDamagedStoreStopsRunRunsAndResumeWithOneLineAndNoRun() throws Exception {
        Path file = script();
        Path store = dir.resolve(".orch/runs.db");
        Files.createDirectories(store.getParent());
        byte[] junk = new byte[8192];
        new Random(7).nextBytes(junk);
        Files.write(store, junk);

        for (List<String> command : List.of(
                List.of("run", file.toString()),
                List.of("runs", "--store", store.toString()),
                List.of("show", "20261125", "--store", store.toString()),
                List.of("resume", "20261125", "--store", store.toString()))) {
            CliRun r = CliRun.of(command.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(r.stderr()).as(String.join(" ", command))
                    .startsWith("orch: the run store " + store + " is damaged").hasLineCount(1)
                    .doesNotContain("Exception", "\tat ");
            assertThat(r.stdout()).as("nothing ran").isEmpty();
        }
        assertThat(Files.readAllBytes(store)).as("a damaged store is never rewritten").isEqualTo(junk);
    }

    @Test
    void aStoreLockedByAnotherProcessStopsTheRunBeforeItStarts() throws Exception {
        Path file = script();
        Path store = dir.resolve("runs.db");
        assertThat(CliRun.of("run", file.toString(), "-q", "--store", store.toString()).exitCode()).isZero();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + store);
             Statement s = other.createStatement()) {
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("INSERT INTO schema_version VALUES (99, 0)");
            CliRun locked = CliRun.of("run", file.toString(), "--store", store.toString());
            assertThat(locked.exitCode()).isEqualTo(2);
            assertThat(locked.stderr()).startsWith("orch: the run store " + store + " is locked by another process")
                    .contains("--store PATH").hasLineCount(1).doesNotContain("Exception");
            assertThat(locked.stdout()).as("nothing ran").isEmpty();
            s.execute("ROLLBACK");
        }
        CliRun runs = CliRun.of("runs", "--store", store.toString());
        assertThat(runs.stdout().lines().skip(1).count()).as("only the first run; the refused one never started").isEqualTo(1);
    }

    @Test
    void noSecretFromTheEnvironmentReachesTheStore() throws Exception {
        String key = "sk-fake-5d41402abc4b2a76b9719d911017c592";
        Path file = dir.resolve("remote.orch");
        Files.writeString(file, """
                model remote = openai("gpt-4o", base_url: "http://127.0.0.1:9/v1", api_key_env: "ORCH_FAKE_KEY")
                model m = mock()
                agent local { model: m }
                agent cloud { model: remote }
                workflow main() {
                  x = local("hello")
                  try {
                    y = cloud("hi {x}")
                  } fallback {
                    y = "offline"
                  }
                  return y
                }
                """);
        Path store = dir.resolve(".orch/runs.db");
        ProcessBuilder pb = CliRun.process(ResumeTest.orch("run", file.toString(), "--plain", "--cache"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("ORCH_FAKE_KEY", key);
        pb.environment().remove("ORCH_STORE");
        Process child = pb.start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();

        ByteArrayOutputStream everything = new ByteArrayOutputStream();
        try (var files = Files.list(store.getParent())) {
            for (Path f : files.toList()) everything.write(Files.readAllBytes(f));
        }
        String bytes = everything.toString(StandardCharsets.ISO_8859_1);
        assertThat(bytes).as("the run, its plan and the failed remote call were recorded").contains("ORCH_FAKE_KEY", "main/8:5");
        assertThat(bytes).doesNotContain(key).doesNotContain(key.substring(8, 24));
    }
}

package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.interpreter.store.CallRecord;
import dev.orch.interpreter.store.RunStart;
import dev.orch.interpreter.store.RunStatus;
import dev.orch.interpreter.store.RunStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `orch runs` and `orch show` as a user meets them: exit codes, where the output goes, one-line errors. */
class RunStoreCommandsTest {
    @TempDir
    Path dir;

    private CliRun last;

    private int orch(String... args) {
        last = CliRun.of(args);
        return last.exitCode();
    }

    private String out() {
        return last.stdout();
    }

    private String err() {
        return last.stderr();
    }

    private String recordOneRun(Path file) {
        try (RunStore store = RunStore.open(file)) {
            String id = store.startRun(new RunStart(dir.resolve("pipeline.orch"), "abc", "{}", Map.of("feature", "login"))).id();
            Instant t = Instant.parse("2026-11-25T08:53:10Z");
            store.phaseStarted(id, "analyse", "main/2:3");
            store.recordCall(CallRecord.succeeded(id, "main/3:5", "analyse", 1, "analyst", "gpt-4o", null, "ok", 100, 50,
                    0.002, 800, t, t.plusMillis(800)));
            store.finishRun(id, RunStatus.SUCCEEDED, null);
            return id;
        }
    }

    @Test
    void runsListsTheRecordedRunsOnStdout() {
        Path file = dir.resolve("runs.db");
        String id = recordOneRun(file);

        assertThat(orch("runs", "--store", file.toString())).isEqualTo(0);
        assertThat(out()).startsWith("ID").contains(id).contains("succeeded").contains("$0.0020").contains("pipeline.orch");
        assertThat(err()).isEmpty();
    }

    @Test
    void runsWithoutAStoreSaysSoAndCreatesNothing() {
        Path file = dir.resolve("nowhere/runs.db");

        assertThat(orch("runs", "--store", file.toString())).isEqualTo(0);
        assertThat(err()).startsWith("orch: no runs recorded in " + file + " yet");
        assertThat(Files.exists(file.getParent())).isFalse();
    }

    @Test
    void showPrintsTheRunsTreeFoundByAPrefixOfItsId() {
        Path file = dir.resolve("runs.db");
        String id = recordOneRun(file);

        assertThat(orch("show", id.substring(0, 13), "--store", file.toString())).isEqualTo(0);
        assertThat(out()).startsWith("run " + id + "  succeeded").contains("phase \"analyse\"").contains("main/3:5");
    }

    @Test
    void showOfAnUnknownRunExitsTwo() {
        Path file = dir.resolve("runs.db");
        recordOneRun(file);

        assertThat(orch("show", "19990101", "--store", file.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("orch: no run 19990101 in " + file + "; `orch runs` lists the runs it holds\n");
    }

    @Test
    void aStoreDamagedInsideIsOneLineAndExitTwoAndNoRunStartsInIt() throws Exception {
        Path file = dir.resolve("runs.db");
        try (RunStore store = RunStore.open(file)) {
            for (int i = 0; i < 40; i++) {
                store.startRun(new RunStart(dir.resolve("s.orch"), "ab".repeat(32), "{\"plan\": \"" + "x".repeat(16_000) + "\"}", Map.of()));
            }
        }
        // The header and the schema page stay; every page after them is overwritten (a disk that lost them).
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 2 * 4096; i < bytes.length; i++) bytes[i] = (byte) (i * 31);
        Files.write(file, bytes);
        Path script = dir.resolve("one.orch");
        Files.writeString(script, "model m = mock()\nagent a { model: m }\nworkflow main() {\n  print a(\"hi\")\n}\n");

        String damaged = "orch: the run store " + file + " is damaged";
        assertThat(orch("runs", "--store", file.toString())).isEqualTo(2);
        assertThat(err()).startsWith(damaged).hasLineCount(1);
        assertThat(orch("run", script.toString(), "--store", file.toString())).isEqualTo(2);
        assertThat(err()).startsWith(damaged).hasLineCount(1);
        assertThat(out()).as("nothing ran").isEmpty();
    }

    @Test
    void aDamagedStoreIsOneLineAndExitTwoNeverAStackTrace() throws Exception {
        Path file = dir.resolve("runs.db");
        Files.writeString(file, "this is not a database, it is a shopping list: eggs, milk, flour".repeat(100));

        assertThat(orch("runs", "--store", file.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("orch: the run store " + file + " is damaged (not a readable SQLite database);"
                + " move it aside: runs recorded in it cannot be read, and the next run starts a new store\n");
        assertThat(out()).isEmpty();
    }
}

package dev.orch.interpreter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed with SIGKILL in the middle of journaling keeps every call it had been told was journaled. */
class CrashTest {
    @TempDir
    Path dir;

    @Test
    void everyCallAcknowledgedBeforeAKillIsStillThereAndTheRunReadsAsKilled() throws Exception {
        Path file = dir.resolve("runs.db");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), JournalingProcess.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String runId = null;
        int acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("run ")) runId = line.substring(4);
                if (line.startsWith("journaled ")) acknowledged = Integer.parseInt(line.substring(10));
                if (acknowledged == 50) break;
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close, mid-write
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(runId).as("the child started a run").isNotNull();

        try (RunStore store = RunStore.open(file)) {
            RunRecord run = store.run(runId).orElseThrow();
            assertThat(run.status()).isEqualTo(RunStatus.KILLED);
            assertThat(store.journal(runId).size()).isGreaterThanOrEqualTo(acknowledged);
            for (int i = 1; i <= acknowledged; i++) {
                assertThat(store.journaled(runId, "main/4:3[" + i + "]")).as("call %d", i).isPresent();
            }
            assertThat(run.totals().calls()).isEqualTo(store.journal(runId).size());
        }
    }
}

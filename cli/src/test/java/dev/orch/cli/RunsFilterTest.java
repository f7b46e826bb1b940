package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `orch runs --status S --script FILE` and `orch runs prune --older-than AGE`. */
class RunsFilterTest {
    @TempDir
    Path dir;

    @Test
    void runsAreFilteredByStatusAndScriptAndOldOnesArePruned() throws Exception {
        Path good = dir.resolve("good.orch");
        Files.writeString(good, "workflow main() {\n  print \"ok\"\n}\n");
        Path bad = dir.resolve("bad.orch");
        Files.writeString(bad, "workflow main() {\n  fail \"no\"\n}\n");
        Path store = dir.resolve("runs.db");
        CliRun.of("run", good.toString(), "-q", "--store", store.toString());
        CliRun.of("run", bad.toString(), "-q", "--store", store.toString());
        CliRun.of("run", bad.toString(), "-q", "--store", store.toString());

        assertThat(CliRun.of("runs", "--store", store.toString(), "--status", "failed").stdout()).hasLineCount(3)
                .doesNotContain("good.orch");
        assertThat(CliRun.of("runs", "--store", store.toString(), "--script", good.toString()).stdout()).hasLineCount(2)
                .contains("succeeded");
        CliRun wrong = CliRun.of("runs", "--store", store.toString(), "--status", "done");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.stderr()).isEqualTo("orch: --status done is not a status; give running, succeeded, failed,"
                + " killed or waiting\n");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = c.createStatement()) {
            long old = Instant.now().minus(Duration.ofDays(40)).toEpochMilli();
            s.execute("UPDATE runs SET updated_at = " + old + " WHERE script LIKE '%bad.orch'");
        }
        CliRun pruned = CliRun.of("runs", "prune", "--older-than", "30d", "--store", store.toString());
        assertThat(pruned.exitCode()).as(pruned.stderr()).isZero();
        assertThat(pruned.stdout()).isEqualTo("pruned 2 runs older than 30d\n");
        assertThat(CliRun.of("runs", "--store", store.toString()).stdout()).hasLineCount(2).contains("good.orch");
        assertThat(CliRun.of("runs", "prune", "--older-than", "soon", "--store", store.toString()).exitCode()).isEqualTo(2);
    }
}

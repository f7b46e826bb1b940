package dev.orch.interpreter.store;

import static dev.orch.interpreter.store.Fixtures.failed;
import static dev.orch.interpreter.store.Fixtures.ok;
import static dev.orch.interpreter.store.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.testkit.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret reaches the store. The store's API takes no environment: plans hold the names of API-key variables,
 * never values. These tests guard that from both sides: the bytes on disk after a run-like sequence, and the schema
 * itself (a new column must be reviewed here and in docs/run-store.md).
 */
class SecretsTest {
    @TempDir
    Path dir;

    @Test
    void noEnvironmentValueIsWrittenToTheStoreFiles() throws Exception {
        String secret = "sk-test-SECRET-0123456789abcdef";
        Map<String, String> environment = Map.of("OPENAI_API_KEY", secret, "HOME", "/home/someone-private");
        Path file = dir.resolve("runs.db");
        TestClock clock = new TestClock("2026-11-25T08:53:10Z");
        RunStore store = RunStore.open(file, options(clock, true));
        // what the interpreter would hand over: the plan (naming OPENAI_API_KEY), --arg values, calls, phases
        String id = store.startRun(Fixtures.start(dir.resolve("a.orch"), Map.of("feature", "login"))).id();
        store.phaseStarted(id, "analyse", "main/2:3");
        store.recordCall(ok(id, "main/3:5", "analyse", "analyst", "an analysis", clock.instant(), 10, 5, 5, 0.1));
        store.recordCall(failed(id, "main/4:5", "analyse", 1, "analyst", "rate_limit", "HTTP 429", clock.instant(), 3));
        store.storeCached(CacheKey.of("openai", "gpt-4o", "sys", "prompt", Map.of()),
                new CachedReply("openai", "gpt-4o", "an analysis", 5, 5, 0.1));

        String onDisk = allBytes(file);
        assertThat(onDisk).as("the scan sees what was written").contains("OPENAI_API_KEY").contains("an analysis");
        for (String value : environment.values()) assertThat(onDisk).doesNotContain(value);
        store.close();
        for (String value : environment.values()) assertThat(allBytes(file)).doesNotContain(value);
    }

    @Test
    void theSchemaHoldsOnlyTheDocumentedColumns() throws Exception {
        Path file = dir.resolve("runs.db");
        RunStore.open(file).close();
        StringBuilder schema = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(
                     "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")) {
            while (r.next()) schema.append(r.getString(1).strip()).append(";\n\n");
        }
        Golden.assertMatches(Golden.resources("store").resolve("schema.sql"), schema.toString());
    }

    private static String allBytes(Path file) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(file.getParent())) {
            for (Path f : files.toList()) all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }
}

package dev.orch.interpreter.store;

import static dev.orch.interpreter.store.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
    @TempDir
    Path dir;

    @Test
    void aStoreAtVersionOneIsBroughtUpToDateKeepingItsRuns() throws Exception {
        Path file = dir.resolve("runs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            Schema.migrate(c, 0, 1);
            s.execute("""
                    INSERT INTO runs (id, script, plan_sha256, plan_json, args_json, status, started_at, ended_at, updated_at, pid,
                                      host, calls, tokens_in, tokens_out, cost)
                    VALUES ('20261101-1200-0001', '/w/a.orch', 'abc', '{}', '{"feature":"login"}', 'succeeded',
                            1793534400000, 1793534460000, 1793534460000, 1, 'h', 3, 30, 20, 0.5)""");
            s.execute("COMMIT");
        }

        try (RunStore store = RunStore.open(file, options(new TestClock("2026-11-25T08:53:10Z"), true))) {
            RunRecord old = store.run("20261101-1200-0001").orElseThrow();
            assertThat(old.args()).isEqualTo(Map.of("feature", "login"));
            assertThat(old.totals()).isEqualTo(new Totals(3, 30, 20, 0.5));
            assertThat(old.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(store.events(old.id())).as("the events table came with version 2").isEmpty();
            assertThat(store.cached("none")).isEmpty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT group_concat(version) FROM schema_version ORDER BY version")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("1,2,3,4,5");
        }
    }

    @Test
    void aStoreAtVersionTwoKeepsItsJournalWhichStillReplaysByTaskAndCanRecordWaitingRuns() throws Exception {
        Path file = dir.resolve("runs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("BEGIN");
            Schema.migrate(c, 0, 2);
            s.execute("""
                    INSERT INTO runs (id, script, plan_sha256, plan_json, args_json, status, started_at, updated_at, pid,
                                      host, calls, tokens_in, tokens_out, cost, error)
                    VALUES ('20261101-1200-0002', '/w/a.orch', 'abc', '{}', '{}', 'failed', 1793534400000,
                            1793534460000, 1, 'h', 1, 10, 5, 0.1, 'bad_output')""");
            s.execute("""
                    INSERT INTO calls (run_id, task_key, attempt, agent, model, reply, tokens_in, tokens_out, cost, ms,
                                       started_at, finished_at)
                    VALUES ('20261101-1200-0002', 'main/3:5', 1, 'writer', 'fast', 'draft one', 10, 5, 0.1, 40,
                            1793534400000, 1793534400040)""");
            s.execute("COMMIT");
        }

        try (RunStore store = RunStore.open(file, options(new TestClock("2026-11-25T08:53:10Z"), true))) {
            CallRecord old = store.journaled("20261101-1200-0002", "main/3:5", "main/0#0").orElseThrow();
            assertThat(old.reply()).isEqualTo("draft one");
            assertThat(old.entry()).isEqualTo(JournalEntry.agent());
            assertThat(store.run("20261101-1200-0002").orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("UPDATE runs SET status = 'waiting' WHERE id = '20261101-1200-0002'");
            try (ResultSet r = s.executeQuery("PRAGMA foreign_key_check")) {
                assertThat(r.next()).as("the journal still points at its run").isFalse();
            }
        }
        try (RunStore store = RunStore.open(file, options(new TestClock("2026-11-25T08:53:10Z"), true))) {
            assertThat(store.run("20261101-1200-0002").orElseThrow().status()).isEqualTo(RunStatus.WAITING);
        }
    }

    @Test
    void reopeningACurrentStoreAppliesNothing() throws Exception {
        Path file = dir.resolve("runs.db");
        TestClock clock = new TestClock("2026-11-25T08:53:10Z");
        RunStore.open(file, options(clock, true)).close();
        RunStore.open(file, options(clock, true)).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), max(version) FROM schema_version")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(Schema.VERSION);
            assertThat(r.getInt(2)).isEqualTo(Schema.VERSION);
        }
    }
}

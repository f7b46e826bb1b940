package dev.orch.interpreter.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables, as numbered migrations. Migration N takes a database at version N-1 to N; a new database
 * runs them all. Never edit a released migration: add the next one. Times are epoch milliseconds (UTC), money is
 * dollars. No table holds an environment value: plans name API-key variables, never their values.
 */
final class Schema {
    /** The file's application_id: "ORCH". Tells an Orch store from any other SQLite file. */
    static final int APPLICATION_ID = 0x4f524348;

    static final List<String> MIGRATIONS = List.of(
            // 1: runs and the journal of finished calls
            """
            CREATE TABLE runs (
              id                 TEXT PRIMARY KEY,
              script             TEXT NOT NULL,
              plan_sha256        TEXT NOT NULL,
              plan_json          TEXT NOT NULL,
              args_json          TEXT NOT NULL,
              status             TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
              started_at         INTEGER NOT NULL,
              ended_at           INTEGER,
              updated_at         INTEGER NOT NULL,
              pid                INTEGER NOT NULL,
              host               TEXT NOT NULL,
              process_started_at INTEGER,
              calls              INTEGER NOT NULL DEFAULT 0,
              tokens_in          INTEGER NOT NULL DEFAULT 0,
              tokens_out         INTEGER NOT NULL DEFAULT 0,
              cost               REAL NOT NULL DEFAULT 0,
              error              TEXT
            );
            CREATE INDEX runs_newest_first ON runs (started_at DESC, id DESC);
            CREATE TABLE calls (
              seq         INTEGER PRIMARY KEY AUTOINCREMENT,
              run_id      TEXT NOT NULL REFERENCES runs (id),
              task_key    TEXT NOT NULL,
              phase       TEXT,
              attempt     INTEGER NOT NULL,
              agent       TEXT NOT NULL,
              model       TEXT NOT NULL,
              request_key TEXT,
              reply       TEXT,
              error_kind  TEXT,
              error       TEXT,
              tokens_in   INTEGER NOT NULL,
              tokens_out  INTEGER NOT NULL,
              cost        REAL NOT NULL,
              ms          INTEGER NOT NULL,
              started_at  INTEGER NOT NULL,
              finished_at INTEGER NOT NULL,
              CHECK ((reply IS NULL) <> (error_kind IS NULL))
            );
            CREATE INDEX calls_by_task ON calls (run_id, task_key, seq);
            """,
            // 2: phase events for `resume --from`, and the reply cache for `--cache`
            """
            CREATE TABLE events (
              seq       INTEGER PRIMARY KEY AUTOINCREMENT,
              run_id    TEXT NOT NULL REFERENCES runs (id),
              kind      TEXT NOT NULL CHECK (kind IN ('phase_started', 'phase_finished', 'run_resumed')),
              name      TEXT,
              task_key  TEXT,
              at        INTEGER NOT NULL,
              calls_seq INTEGER NOT NULL,
              cut_seq   INTEGER
            );
            CREATE INDEX events_by_run ON events (run_id, seq);
            CREATE TABLE reply_cache (
              key        TEXT PRIMARY KEY,
              provider   TEXT NOT NULL,
              model      TEXT NOT NULL,
              reply      TEXT NOT NULL,
              tokens_in  INTEGER NOT NULL,
              tokens_out INTEGER NOT NULL,
              cost       REAL NOT NULL,
              created_at INTEGER NOT NULL,
              used_at    INTEGER NOT NULL,
              hits       INTEGER NOT NULL DEFAULT 0
            );
            """,
            // 3: every journal row says what it is about (agent calls, effects, tool calls, answers), where it is in
            // the plan and what was asked; a run may wait for a person, and its questions are kept
            """
            ALTER TABLE calls ADD COLUMN kind TEXT NOT NULL DEFAULT 'agent';
            ALTER TABLE calls ADD COLUMN place TEXT;
            ALTER TABLE calls ADD COLUMN label TEXT;
            ALTER TABLE calls ADD COLUMN request TEXT;
            CREATE INDEX calls_by_place ON calls (run_id, place, seq);
            CREATE TABLE runs_v3 (
              id                 TEXT PRIMARY KEY,
              script             TEXT NOT NULL,
              plan_sha256        TEXT NOT NULL,
              plan_json          TEXT NOT NULL,
              args_json          TEXT NOT NULL,
              status             TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'waiting')),
              started_at         INTEGER NOT NULL,
              ended_at           INTEGER,
              updated_at         INTEGER NOT NULL,
              pid                INTEGER NOT NULL,
              host               TEXT NOT NULL,
              process_started_at INTEGER,
              calls              INTEGER NOT NULL DEFAULT 0,
              tokens_in          INTEGER NOT NULL DEFAULT 0,
              tokens_out         INTEGER NOT NULL DEFAULT 0,
              cost               REAL NOT NULL DEFAULT 0,
              error              TEXT
            );
            INSERT INTO runs_v3 SELECT * FROM runs;
            DROP TABLE runs;
            ALTER TABLE runs_v3 RENAME TO runs;
            CREATE INDEX runs_newest_first ON runs (started_at DESC, id DESC);
            CREATE TABLE questions (
              run_id      TEXT NOT NULL REFERENCES runs (id),
              id          TEXT NOT NULL,
              place       TEXT NOT NULL,
              task_key    TEXT NOT NULL,
              question    TEXT NOT NULL,
              options     TEXT,
              default_answer TEXT,
              asked_at    INTEGER NOT NULL,
              timeout_at  INTEGER,
              answer      TEXT,
              answered_at INTEGER,
              PRIMARY KEY (run_id, id)
            );
            """,
            // 4: how a phase ended, so `orch show` tells a phase that failed or was cancelled from one that finished
            """
            ALTER TABLE events ADD COLUMN outcome TEXT;
            """,
            // 5: what a run's plan was compiled from and by (PlanKey), so a later run of the same takes its plan JSON
            """
            ALTER TABLE runs ADD COLUMN plan_key TEXT;
            CREATE INDEX runs_by_plan_key ON runs (plan_key);
            """);

    static final int VERSION = MIGRATIONS.size();

    private Schema() {}

    /** The version recorded in the file: 0 for a new, empty file; -1 for a SQLite file that is not an Orch store. */
    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            int appId;
            try (ResultSet r = s.executeQuery("PRAGMA application_id")) {
                appId = r.next() ? r.getInt(1) : 0;
            }
            boolean hasVersionTable;
            boolean empty;
            try (ResultSet r = s.executeQuery(
                    "SELECT count(*), sum(name = 'schema_version') FROM sqlite_master WHERE type = 'table'")) {
                r.next();
                empty = r.getInt(1) == 0;
                hasVersionTable = r.getInt(2) > 0;
            }
            if (empty && appId == 0) return 0;
            if (appId != APPLICATION_ID || !hasVersionTable) return -1;
            try (ResultSet r = s.executeQuery("SELECT max(version) FROM schema_version")) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    /** Runs migrations {@code from + 1 .. to} in the caller's transaction. */
    static void migrate(Connection c, int from, int to) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (from == 0) {
                s.execute("PRAGMA application_id = " + APPLICATION_ID);
                s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at INTEGER NOT NULL)");
            }
            for (int v = from + 1; v <= to; v++) {
                for (String statement : MIGRATIONS.get(v - 1).split(";")) {
                    if (!statement.isBlank()) s.execute(statement);
                }
                s.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + v + ", "
                        + System.currentTimeMillis() + ")");
            }
        }
    }
}

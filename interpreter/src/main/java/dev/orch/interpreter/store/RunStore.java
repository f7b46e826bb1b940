package dev.orch.interpreter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The durable record of runs: an embedded SQLite file (`.orch/runs.db` beside the script by default) holding each
 * run, a journal of every finished agent call, phase events and the reply cache. See docs/run-store.md.
 *
 * <p>Durability: WAL journal with synchronous=FULL, so {@link #recordCall} returns only after the call's row is on
 * disk (the WAL is fsynced at each commit). A call that cost money is never lost to a crash, a kill -9 or a power
 * cut once it has been journaled; the interpreter must journal a reply before it uses it.
 *
 * <p>Thread-safe: one connection, one writer at a time (SQLite allows no more); many virtual threads may call
 * {@link #recordCall} at once, and the calls queued while a commit runs share the next one (group commit). Every method throws {@link StoreException} (unchecked) with a one-line message for
 * the user; a run that meets one must stop, since it could no longer be resumed.
 */
public final class RunStore implements AutoCloseable {
    /** plan_json of a run whose plan is being recorded beside it (the column is NOT NULL). */
    private static final String NO_PLAN_YET = "";

    private final Path file;
    private final StoreOptions options;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<QueuedCall> pending = new ConcurrentLinkedQueue<>();
    private boolean closed;
    private final Questions questions = new Questions(this);

    private RunStore(Path file, StoreOptions options, Connection connection) {
        this.file = file;
        this.options = options;
        this.connection = connection;
    }

    public static RunStore open(Path file) {
        return open(file, StoreOptions.defaults());
    }

    /**
     * Opens the store, creating the file and its folder if needed and bringing an older schema up to date. Fails
     * with a {@link StoreException} when the file is damaged, belongs to a newer orch or to another program, or is
     * locked beyond the busy timeout: a run must not start without a store that can record it.
     */
    public static RunStore open(Path file, StoreOptions options) {
        if (Files.isDirectory(file)) {
            throw new StoreException("the run store " + file + " is a folder; give --store a file path such as "
                    + StoreLocation.DEFAULT);
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("cannot create the folder " + parent + " for the run store: "
                    + e.getClass().getSimpleName() + "; use --store PATH to record runs elsewhere", e);
        }
        Connection c = null;
        try {
            SqliteNativeLibrary.prepare();
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            RunStore store = new RunStore(file, options, c);
            store.prepare();
            return store;
        } catch (SQLException e) {
            closeQuietly(c);
            throw StoreFailure.of(file, "open it", options.busyTimeout(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * For commands that only read (`orch runs`, `orch show`): as {@link #open(Path)}, and where the store cannot be
     * opened for writing (a read-only filesystem or folder, a store someone else owns) but its file is there, the
     * store opened read-only, as it is: an older schema is not brought up to date, and any write fails with a
     * {@link StoreException} that says the store is read-only.
     */
    public static RunStore openToRead(Path file) {
        try {
            return open(file);
        } catch (StoreException writable) {
            if (!Files.isRegularFile(file)) throw writable;
            Connection c = null;
            try {
                SqliteNativeLibrary.prepare();
                // immutable: no -shm or -wal file is made beside it (the folder may not take one).
                c = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath().toUri().getRawPath()
                        + "?mode=ro&immutable=1");
                RunStore store = new RunStore(file, StoreOptions.defaults(), c);
                int version = Schema.version(c);
                store.checkVersion(version);
                if (version < Schema.VERSION) throw writable; // its tables are not yet what this orch reads
                try (Statement s = c.createStatement()) {
                    store.checkIntegrity(s);
                }
                return store;
            } catch (SQLException | StoreException e) {
                closeQuietly(c);
                throw writable;
            }
        }
    }

    private void prepare() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + options.busyTimeout().toMillis());
            s.execute("PRAGMA foreign_keys = ON");
        }
        // No quick_check here: it reads the whole file, and a store of 276 runs is 5 MB (21 ms cold), one of 10,000
        // runs seconds, at every start. A file that is no database fails the version read below; a damaged page fails
        // the statement that reads it; both become the one-line "damaged" error (StoreFailure).
        int found = Schema.version(connection);
        checkVersion(found); // before any change to the file: another program's database is left as it was
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            // FULL: in WAL mode NORMAL may lose the last commits on power loss; each commit here is a paid call.
            s.execute("PRAGMA synchronous = FULL");
        }
        if (found < Schema.VERSION) {
            // A migration may rebuild a table others refer to; foreign keys can only be switched outside a transaction.
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA foreign_keys = OFF");
            }
            inTransaction("bring it up to date", true, () -> {
                int now = Schema.version(connection); // another process may have migrated it meanwhile
                checkVersion(now);
                if (now < Schema.VERSION) Schema.migrate(connection, now, Schema.VERSION);
                return null;
            });
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
            }
        }
    }

    private void checkIntegrity(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA quick_check(1)")) {
            if (!r.next() || !"ok".equals(r.getString(1))) throw StoreFailure.corrupted(file, null);
        }
    }

    private void checkVersion(int version) {
        if (version < 0) {
            throw new StoreException(file + " is a SQLite database but not an orch run store; give --store a new"
                    + " file path, or move that file aside");
        }
        if (version > Schema.VERSION) {
            throw new StoreException("the run store " + file + " was written by a newer orch (schema " + version
                    + ", this orch knows " + Schema.VERSION + "); upgrade orch, or use --store PATH for another file");
        }
    }

    public Path file() {
        return file;
    }

    // ---- runs ----

    /** Records a new run as running, owned by this process, and returns it with its new id. */
    public RunRecord startRun(RunStart start) {
        TreeMap<String, String> args = new TreeMap<>(start.args());
        String argsJson = ArgsJson.write(args);
        Instant now = Instant.ofEpochMilli(options.clock().millis()); // as the row keeps it
        ProcessOwner owner = options.owner();
        String script = start.script().toAbsolutePath().normalize().toString();
        String id = inTransaction("record a new run", true, () -> {
            String candidate;
            do {
                candidate = RunIds.next(now, options.random());
            } while (exists(candidate));
            try (PreparedStatement p = connection.prepareStatement("""
                    INSERT INTO runs (id, script, plan_sha256, plan_json, args_json, status, started_at, updated_at,
                                      pid, host, process_started_at, plan_key)
                    VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)""")) {
                p.setString(1, candidate);
                p.setString(2, script);
                p.setString(3, start.planSha256());
                p.setString(4, start.planJson() == null ? NO_PLAN_YET : start.planJson());
                p.setString(5, argsJson);
                p.setLong(6, now.toEpochMilli());
                p.setLong(7, now.toEpochMilli());
                p.setLong(8, owner.pid());
                p.setString(9, owner.host());
                setInstant(p, 10, owner.processStartedAt());
                p.setString(11, start.planKey());
                p.executeUpdate();
            }
            return candidate;
        });
        // What reading the row back would give, without the read (and the JSON parse) at every run's start.
        return new RunRecord(id, script, start.planSha256(), args, RunStatus.RUNNING, now, null, now, owner.pid(),
                owner.host(), Totals.NONE, null);
    }

    /**
     * Takes up a failed or killed run again in this process (`orch resume`). With {@code fromPhase}, every call
     * journaled since that phase last started is set aside, so {@link #journaled} no longer replays it and the
     * phase runs again; without, every finished call is replayed. Refuses a run that is still running.
     */
    public RunRecord resumeRun(String runId, String fromPhase) {
        return resumeRun(runId, fromPhase, null, null);
    }

    /**
     * As above, running {@code plan} (the script as it is now, `orch resume` of an edited script) instead of the
     * recorded one: it becomes the run's plan, so a later resume compares the script with what ran last. Null:
     * the recorded plan. {@code places} gives each journaled place as the new plan places it (null: the statement
     * is gone, the place stays as it was); the journal's and the questions' places are rewritten in the same
     * transaction, so they always match the run's plan.
     */
    public RunRecord resumeRun(String runId, String fromPhase, Plan plan, UnaryOperator<String> places) {
        Instant now = options.clock().instant();
        ProcessOwner owner = options.owner();
        inTransaction("resume run " + runId, true, () -> {
            RunRecord run = readRun(runId).orElseThrow(() -> noSuchRun(runId));
            if (run.status() == RunStatus.RUNNING) {
                throw new StoreException("run " + runId + " is still running (pid " + run.pid() + " on " + run.host()
                        + "); stop it first, or wait for it to end");
            }
            Long cut = null;
            if (fromPhase != null) {
                cut = phaseCut(runId, fromPhase);
            }
            try (PreparedStatement p = connection.prepareStatement("""
                    UPDATE runs SET status = 'running', ended_at = NULL, error = NULL, updated_at = ?, pid = ?,
                                    host = ?, process_started_at = ?
                    WHERE id = ?""")) {
                p.setLong(1, now.toEpochMilli());
                p.setLong(2, owner.pid());
                p.setString(3, owner.host());
                setInstant(p, 4, owner.processStartedAt());
                p.setString(5, runId);
                p.executeUpdate();
            }
            if (places != null) replace(runId, places);
            if (plan != null) {
                try (PreparedStatement p = connection.prepareStatement("UPDATE runs SET plan_json = ?, plan_sha256 = ? WHERE id = ?")) {
                    p.setString(1, PlanJson.write(plan));
                    p.setString(2, plan.source().sha256());
                    p.setString(3, runId);
                    p.executeUpdate();
                }
            }
            insertEvent(runId, PhaseEvent.Kind.RUN_RESUMED, fromPhase, null, now, cut);
            return null;
        });
        return require(runId);
    }

    /** Moves the run's journal rows and questions to their places in a new plan (two steps, so places may swap). */
    private void replace(String runId, UnaryOperator<String> places) throws SQLException {
        for (String table : List.of("calls", "questions")) {
            List<String> old = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT DISTINCT place FROM " + table + " WHERE run_id = ? AND place IS NOT NULL")) {
                p.setString(1, runId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) old.add(r.getString(1));
                }
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE " + table + " SET place = ? WHERE run_id = ? AND place = ?")) {
                for (String was : old) {
                    String now = places.apply(was);
                    if (now == null || now.equals(was)) continue;
                    p.setString(1, "~" + now); // a place starts with a workflow name, never ~
                    p.setString(2, runId);
                    p.setString(3, was);
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE " + table + " SET place = substr(place, 2) WHERE run_id = ? AND substr(place, 1, 1) = '~'")) {
                p.setString(1, runId);
                p.executeUpdate();
            }
        }
    }

    private long phaseCut(String runId, String phase) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("""
                SELECT calls_seq FROM events WHERE run_id = ? AND kind = 'phase_started' AND name = ?
                ORDER BY seq DESC LIMIT 1""")) {
            p.setString(1, runId);
            p.setString(2, phase);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) return r.getLong(1);
            }
        }
        List<String> started = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("""
                SELECT name FROM events WHERE run_id = ? AND kind = 'phase_started' GROUP BY name ORDER BY min(seq)""")) {
            p.setString(1, runId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) started.add("\"" + r.getString(1) + "\"");
            }
        }
        throw new StoreException("phase \"" + phase + "\" never started in run " + runId + (started.isEmpty()
                ? "; resume without --from reruns everything that did not finish"
                : "; phases it reached: " + String.join(", ", started)));
    }

    /**
     * Records how the run ended: {@code SUCCEEDED} or {@code FAILED} (with the error the user saw), or that it stopped
     * to wait for an answer ({@code WAITING}: no process runs it until `orch answer` or `orch resume`). Nothing is read
     * back: every run ends here, and {@link #run} gives the record to whoever wants it.
     */
    public void finishRun(String runId, RunStatus status, String error) {
        if (status != RunStatus.SUCCEEDED && status != RunStatus.FAILED && status != RunStatus.WAITING) {
            throw new IllegalArgumentException("a run finishes as succeeded or failed, or waits; not " + status.label());
        }
        Instant now = options.clock().instant();
        inTransaction("record the end of run " + runId, true, () -> {
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE runs SET status = ?, ended_at = ?, updated_at = ?, error = ? WHERE id = ?")) {
                p.setString(1, status.label());
                if (status == RunStatus.WAITING) p.setNull(2, Types.INTEGER); else p.setLong(2, now.toEpochMilli());
                p.setLong(3, now.toEpochMilli());
                p.setString(4, error);
                p.setString(5, runId);
                if (p.executeUpdate() == 0) throw noSuchRun(runId);
            }
            return null;
        });
    }

    /**
     * Deletes the runs last heard from before {@code before}, with their journal, events and questions, and returns
     * their ids. A run still running or waiting for an answer is kept, however old; a killed one goes.
     */
    public List<String> prune(Instant before) {
        return inTransaction("prune old runs", true, () -> {
            List<String> old = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT " + RUN_COLUMNS + " FROM runs WHERE updated_at < ? ORDER BY started_at, id")) {
                p.setLong(1, before.toEpochMilli());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        RunRecord run = run(r);
                        if (run.status() != RunStatus.RUNNING && run.status() != RunStatus.WAITING) old.add(run.id());
                    }
                }
            }
            for (String table : List.of("calls", "events", "questions")) {
                try (PreparedStatement p = connection.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                    for (String id : old) {
                        p.setString(1, id);
                        p.executeUpdate();
                    }
                }
            }
            try (PreparedStatement p = connection.prepareStatement("DELETE FROM runs WHERE id = ?")) {
                for (String id : old) {
                    p.setString(1, id);
                    p.executeUpdate();
                }
            }
            return old;
        });
    }

    /** Every run, newest first. */
    public List<RunRecord> runs() {
        return inTransaction("list runs", false, () -> {
            List<RunRecord> runs = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT " + RUN_COLUMNS + " FROM runs ORDER BY started_at DESC, id DESC");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) runs.add(run(r));
            }
            return runs;
        });
    }

    /**
     * The run with this id, or with the one id that starts with it (so `orch show 20261125-0853` works). Empty when
     * none matches; a prefix that matches several runs is a {@link StoreException} naming them.
     */
    public Optional<RunRecord> run(String idOrPrefix) {
        return inTransaction("read run " + idOrPrefix, false, () -> {
            Optional<RunRecord> exact = readRun(idOrPrefix);
            if (exact.isPresent()) return exact;
            List<RunRecord> matches = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement("SELECT " + RUN_COLUMNS
                    + " FROM runs WHERE substr(id, 1, length(?)) = ? ORDER BY started_at DESC, id DESC LIMIT 6")) {
                p.setString(1, idOrPrefix);
                p.setString(2, idOrPrefix);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) matches.add(run(r));
                }
            }
            if (matches.size() > 1) {
                throw new StoreException("\"" + idOrPrefix + "\" matches several runs ("
                        + String.join(", ", matches.stream().limit(5).map(RunRecord::id).toList())
                        + (matches.size() > 5 ? ", ..." : "") + "); give more of the id");
            }
            return matches.stream().findFirst();
        });
    }

    /**
     * The plan JSON an earlier run recorded for the same {@code planKey} (the same sources compiled the same way by
     * the same build, so the same plan), or null: a run of it need not serialise its plan again.
     */
    public String planJsonFor(String planKey) {
        return inTransaction("look up a recorded plan", false, () -> {
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT plan_json FROM runs WHERE plan_key = ? AND plan_json != ? LIMIT 1")) {
                p.setString(1, planKey);
                p.setString(2, NO_PLAN_YET);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }

    /**
     * Records the plan of a run started with a {@link RunStart} without its plan JSON: one transaction of its own,
     * so the run's journal commits go on meanwhile. A plan already there is kept.
     */
    public void recordPlan(String runId, String planJson) {
        inTransaction("record the plan of run " + runId, true, () -> {
            try (PreparedStatement p = connection.prepareStatement("UPDATE runs SET plan_json = ? WHERE id = ? AND plan_json = ?")) {
                p.setString(1, planJson);
                p.setString(2, runId);
                p.setString(3, NO_PLAN_YET);
                p.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The plan the run executes, exactly as recorded at its start: what `orch resume` runs again. Null when the run
     * was stopped in the moment between its start and the recording of its plan (a {@link RunStart} without its
     * plan JSON).
     */
    public Plan plan(String runId) {
        String json = planJson(runId);
        if (json.equals(NO_PLAN_YET)) return null;
        try {
            return PlanJson.read(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("the plan recorded for run " + runId + " in " + file + " cannot be read by this"
                    + " version of orch (" + e.getOriginalMessage() + "); run the script again instead", e);
        }
    }

    /** The plan JSON the run executes, exactly as recorded at its start. */
    public String planJson(String runId) {
        return inTransaction("read the plan of run " + runId, false, () -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT plan_json FROM runs WHERE id = ?")) {
                p.setString(1, runId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) throw noSuchRun(runId);
                    return r.getString(1);
                }
            }
        });
    }

    // ---- the journal ----

    /**
     * Journals one finished attempt of an agent call, and returns only once it is committed to disk: call this
     * before the reply is used. The run's totals grow by the call's tokens and cost in the same transaction.
     * Returns the call's place in the journal.
     */
    public long recordCall(CallRecord call) {
        return recordCall(call, null, null);
    }

    /**
     * As {@link #recordCall(CallRecord)}, keeping {@code reply} in the reply cache under {@code cacheKey} in the
     * same transaction (`--cache`): a run killed after the commit has both, never the journal entry alone.
     */
    public long recordCall(CallRecord call, String cacheKey, CachedReply reply) {
        QueuedCall mine = new QueuedCall(call, cacheKey, reply, options.clock().millis());
        pending.add(mine);
        // Group commit: whoever holds the lock next commits everything queued meanwhile in one transaction (one
        // fsync), so concurrent callers share a commit instead of queueing for one each. Each caller still returns
        // only once the batch holding its own record is committed.
        while (!mine.isDone()) {
            lock.lock();
            try {
                if (!mine.isDone()) commitPending();
            } finally {
                lock.unlock();
            }
        }
        return mine.seq();
    }

    /** Under the lock: journals every queued call in one transaction and tells each caller how it went. */
    private void commitPending() {
        List<QueuedCall> batch = new ArrayList<>();
        for (QueuedCall e; (e = pending.poll()) != null; ) batch.add(e);
        if (batch.isEmpty()) return;
        String doing = "journal a call of run " + batch.get(0).call().runId();
        try {
            inTransaction(doing, true, () -> {
                for (QueuedCall entry : batch) insertCallAlone(entry);
                return null;
            });
            for (QueuedCall entry : batch) entry.committed();
        } catch (StoreException | IllegalStateException e) {
            for (QueuedCall entry : batch) entry.failed(e); // the commit failed: nothing in the batch is durable
        }
    }

    /**
     * One call inside the batch's transaction, under a savepoint: a call that cannot be journaled (an unknown run)
     * fails its own caller only, not the others sharing the commit.
     */
    private void insertCallAlone(QueuedCall entry) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SAVEPOINT journal_call");
        }
        try {
            entry.inserted(insertCall(entry.call(), entry.queuedAt()));
            if (entry.cached() != null) upsertCached(entry.cacheKey(), entry.cached(), entry.queuedAt(), true);
        } catch (SQLException | StoreException e) {
            try (Statement s = connection.createStatement()) {
                s.execute("ROLLBACK TO journal_call");
            }
            entry.refused(e instanceof StoreException se ? se
                    : StoreFailure.of(file, "journal a call of run " + entry.call().runId(), options.busyTimeout(),
                            (SQLException) e));
        }
        try (Statement s = connection.createStatement()) {
            s.execute("RELEASE journal_call");
        }
    }

    private long insertCall(CallRecord call, long now) throws SQLException {
        // the run's row first: an unknown run id fails here with a clear message, not on the foreign key
        try (PreparedStatement p = connection.prepareStatement("""
                UPDATE runs SET calls = calls + ?, tokens_in = tokens_in + ?, tokens_out = tokens_out + ?,
                                cost = cost + ?, updated_at = max(updated_at, ?, ?)
                WHERE id = ?""")) {
            p.setInt(1, call.entry().isAgentCall() ? 1 : 0); // an effect is not a model call
            p.setLong(2, call.tokensIn());
            p.setLong(3, call.tokensOut());
            p.setDouble(4, call.cost());
            p.setLong(5, now);
            p.setLong(6, call.finishedAt().toEpochMilli());
            p.setString(7, call.runId());
            if (p.executeUpdate() == 0) throw noSuchRun(call.runId());
        }
        long seq;
        try (PreparedStatement p = connection.prepareStatement("""
                INSERT INTO calls (run_id, task_key, phase, attempt, agent, model, request_key, reply, error_kind,
                                   error, tokens_in, tokens_out, cost, ms, started_at, finished_at, kind, place, label,
                                   request)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, call.runId());
            p.setString(2, call.taskKey());
            p.setString(3, call.phase());
            p.setInt(4, call.attempt());
            p.setString(5, call.agent());
            p.setString(6, call.model());
            p.setString(7, call.requestKey());
            p.setString(8, call.reply());
            p.setString(9, call.errorKind());
            p.setString(10, call.error());
            p.setLong(11, call.tokensIn());
            p.setLong(12, call.tokensOut());
            p.setDouble(13, call.cost());
            p.setLong(14, call.ms());
            p.setLong(15, call.startedAt().toEpochMilli());
            p.setLong(16, call.finishedAt().toEpochMilli());
            p.setString(17, call.entry().kind());
            p.setString(18, call.entry().place());
            p.setString(19, call.entry().label());
            p.setString(20, call.entry().request());
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                seq = keys.getLong(1);
            }
        }
        return seq;
    }

    /**
     * What `orch resume` replays: the reply journaled for exactly this task of this run, if it succeeded (the
     * latest success when a retry ran it more than once), and unless a `resume --from` set it aside.
     */
    public Optional<CallRecord> journaled(String runId, String taskKey) {
        return journaled(runId, taskKey, null);
    }

    /**
     * As above, found by its structural {@code place} in the plan when given (so a line moved by an edit still
     * finds it); a row journaled without a place is found by its task key.
     */
    public Optional<CallRecord> journaled(String runId, String taskKey, String place) {
        return inTransaction("read the journal of run " + runId, false, () -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT " + CALL_COLUMNS + """
                     FROM calls c
                    WHERE c.run_id = ? AND (c.place = ? OR c.place IS NULL AND c.task_key = ?) AND c.reply IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM events e
                                       WHERE e.run_id = c.run_id AND e.kind = 'run_resumed' AND e.cut_seq IS NOT NULL
                                         AND c.seq > e.cut_seq AND c.seq <= e.calls_seq)
                    ORDER BY c.seq DESC LIMIT 1""")) {
                p.setString(1, runId);
                p.setString(2, place);
                p.setString(3, taskKey);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(call(r)) : Optional.empty();
                }
            }
        });
    }

    /** Every journaled attempt of the run, successes and failures, in the order they finished. */
    public List<CallRecord> journal(String runId) {
        return inTransaction("read the journal of run " + runId, false, () -> {
            List<CallRecord> calls = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT " + CALL_COLUMNS + " FROM calls c WHERE c.run_id = ? ORDER BY c.seq")) {
                p.setString(1, runId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) calls.add(call(r));
                }
            }
            return calls;
        });
    }

    // ---- phases ----

    public void phaseStarted(String runId, String name, String taskKey) {
        recordEvent(runId, PhaseEvent.Kind.PHASE_STARTED, name, taskKey);
    }

    public void phaseFinished(String runId, String name, String taskKey) {
        phaseFinished(runId, name, taskKey, null);
    }

    /**
     * A phase ended: {@code outcome} null when its body finished, else the error kind that ended it (`fail`,
     * `cancelled`, ...) or `waiting`.
     */
    public void phaseFinished(String runId, String name, String taskKey, String outcome) {
        Instant now = options.clock().instant();
        inTransaction("record phase \"" + name + "\" of run " + runId, true, () -> {
            insertEvent(runId, PhaseEvent.Kind.PHASE_FINISHED, name, taskKey, now, null, outcome);
            return null;
        });
    }

    private void recordEvent(String runId, PhaseEvent.Kind kind, String name, String taskKey) {
        Instant now = options.clock().instant();
        inTransaction("record phase \"" + name + "\" of run " + runId, true, () -> {
            insertEvent(runId, kind, name, taskKey, now, null);
            return null;
        });
    }

    private void insertEvent(String runId, PhaseEvent.Kind kind, String name, String taskKey, Instant at, Long cut)
            throws SQLException {
        insertEvent(runId, kind, name, taskKey, at, cut, null);
    }

    private void insertEvent(String runId, PhaseEvent.Kind kind, String name, String taskKey, Instant at, Long cut,
                             String outcome) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "UPDATE runs SET updated_at = max(updated_at, ?) WHERE id = ?")) {
            p.setLong(1, at.toEpochMilli());
            p.setString(2, runId);
            if (p.executeUpdate() == 0) throw noSuchRun(runId);
        }
        try (PreparedStatement p = connection.prepareStatement("""
                INSERT INTO events (run_id, kind, name, task_key, at, calls_seq, cut_seq, outcome)
                VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) FROM calls), ?, ?)""")) {
            p.setString(1, runId);
            p.setString(2, kind.label());
            p.setString(3, name);
            p.setString(4, taskKey);
            p.setLong(5, at.toEpochMilli());
            if (cut == null) p.setNull(6, Types.INTEGER); else p.setLong(6, cut);
            p.setString(7, outcome);
            p.executeUpdate();
        }
    }

    /** Phase starts and ends and resumes of the run, in order. */
    public List<PhaseEvent> events(String runId) {
        return inTransaction("read the phases of run " + runId, false, () -> {
            List<PhaseEvent> events = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT seq, run_id, kind, name, task_key, at, calls_seq, cut_seq, outcome FROM events WHERE run_id = ?"
                            + " ORDER BY seq")) {
                p.setString(1, runId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        long cut = r.getLong(8);
                        Long cutSeq = r.wasNull() ? null : cut;
                        events.add(new PhaseEvent(r.getLong(1), r.getString(2), PhaseEvent.Kind.fromLabel(r.getString(3)),
                                r.getString(4), r.getString(5), Instant.ofEpochMilli(r.getLong(6)), r.getLong(7), cutSeq,
                                r.getString(9)));
                    }
                }
            }
            return events;
        });
    }

    // ---- the reply cache ----

    /** The reply cached under a {@link CacheKey}, if any; a hit is counted. */
    public Optional<CachedReply> cached(String key) {
        long now = options.clock().millis();
        return inTransaction("read the reply cache", true, () -> {
            Optional<CachedReply> hit = Optional.empty();
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT provider, model, reply, tokens_in, tokens_out, cost FROM reply_cache WHERE key = ?")) {
                p.setString(1, key);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        hit = Optional.of(new CachedReply(r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                                r.getLong(5), r.getDouble(6)));
                    }
                }
            }
            if (hit.isPresent()) {
                try (PreparedStatement p = connection.prepareStatement(
                        "UPDATE reply_cache SET hits = hits + 1, used_at = ? WHERE key = ?")) {
                    p.setLong(1, now);
                    p.setString(2, key);
                    p.executeUpdate();
                }
            }
            return hit;
        });
    }

    /** Keeps a reply under its {@link CacheKey}, replacing any older one. */
    public void storeCached(String key, CachedReply reply) {
        long now = options.clock().millis();
        inTransaction("write the reply cache", true, () -> {
            upsertCached(key, reply, now, true);
            return null;
        });
    }

    /** Keeps a reply under its key unless one is there already (a resume re-caches the calls it replays). */
    public void cacheIfAbsent(String key, CachedReply reply) {
        long now = options.clock().millis();
        inTransaction("write the reply cache", true, () -> {
            upsertCached(key, reply, now, false);
            return null;
        });
    }

    private void upsertCached(String key, CachedReply reply, long now, boolean replace) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("""
                INSERT INTO reply_cache (key, provider, model, reply, tokens_in, tokens_out, cost, created_at, used_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO\s""" + (replace ? """
                UPDATE SET provider = excluded.provider, model = excluded.model,
                    reply = excluded.reply, tokens_in = excluded.tokens_in, tokens_out = excluded.tokens_out,
                    cost = excluded.cost, created_at = excluded.created_at, used_at = excluded.used_at, hits = 0""" : "NOTHING"))) {
            p.setString(1, key);
            p.setString(2, reply.provider());
            p.setString(3, reply.model());
            p.setString(4, reply.reply());
            p.setLong(5, reply.tokensIn());
            p.setLong(6, reply.tokensOut());
            p.setDouble(7, reply.cost());
            p.setLong(8, now);
            p.setLong(9, now);
            p.executeUpdate();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            connection.close();
        } catch (SQLException e) {
            throw StoreFailure.of(file, "close it", options.busyTimeout(), e);
        } finally {
            lock.unlock();
        }
    }

    // ---- plumbing ----

    /** The questions `ask` put to people, and their answers. */
    public Questions questions() {
        return questions;
    }

    Connection connection() {
        return connection;
    }

    Instant now() {
        return options.clock().instant();
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /**
     * One transaction under the store's lock. Writes take SQLite's write lock up front (BEGIN IMMEDIATE), so a
     * second process waits at the start, within busy_timeout, rather than failing half way.
     */
    <T> T inTransaction(String doing, boolean write, SqlWork<T> work) {
        lock.lock();
        try {
            if (closed) throw new IllegalStateException("the run store " + file + " is closed");
            try (Statement s = connection.createStatement()) {
                s.execute(write ? "BEGIN IMMEDIATE" : "BEGIN");
            }
            boolean committed = false;
            try {
                T result = work.run();
                try (Statement s = connection.createStatement()) {
                    s.execute("COMMIT");
                }
                committed = true;
                return result;
            } finally {
                if (!committed) rollback();
            }
        } catch (SQLException e) {
            throw StoreFailure.of(file, doing, options.busyTimeout(), e);
        } finally {
            lock.unlock();
        }
    }

    private void rollback() {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // no transaction was open (BEGIN failed), or SQLite already rolled it back
        }
    }

    private static final String RUN_COLUMNS = "id, script, plan_sha256, args_json, status, started_at, ended_at,"
            + " updated_at, pid, host, process_started_at, calls, tokens_in, tokens_out, cost, error";

    private static final String CALL_COLUMNS = "c.seq, c.run_id, c.task_key, c.phase, c.attempt, c.agent, c.model,"
            + " c.request_key, c.reply, c.error_kind, c.error, c.tokens_in, c.tokens_out, c.cost, c.ms, c.started_at,"
            + " c.finished_at, c.kind, c.place, c.label, c.request";

    private Optional<RunRecord> readRun(String id) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(run(r)) : Optional.empty();
            }
        }
    }

    private boolean exists(String id) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT 1 FROM runs WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private RunRecord require(String id) {
        return inTransaction("read run " + id, false, () -> readRun(id).orElseThrow(() -> noSuchRun(id)));
    }

    private StoreException noSuchRun(String id) {
        return new StoreException("no run " + id + " in the run store " + file + "; `orch runs` lists the runs it holds");
    }

    private RunRecord run(ResultSet r) throws SQLException {
        RunStatus status = RunStatus.fromLabel(r.getString("status"));
        ProcessOwner owner = new ProcessOwner(r.getString("host"), r.getLong("pid"), instant(r, "process_started_at"));
        if (status == RunStatus.RUNNING && !options.liveness().alive(owner)) status = RunStatus.KILLED;
        return new RunRecord(
                r.getString("id"),
                r.getString("script"),
                r.getString("plan_sha256"),
                args(r.getString("args_json")),
                status,
                instant(r, "started_at"),
                instant(r, "ended_at"),
                instant(r, "updated_at"),
                owner.pid(),
                owner.host(),
                new Totals(r.getLong("calls"), r.getLong("tokens_in"), r.getLong("tokens_out"), r.getDouble("cost")),
                r.getString("error"));
    }

    private static CallRecord call(ResultSet r) throws SQLException {
        return new CallRecord(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5), r.getString(6),
                r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11), r.getLong(12),
                r.getLong(13), r.getDouble(14), r.getLong(15), Instant.ofEpochMilli(r.getLong(16)),
                Instant.ofEpochMilli(r.getLong(17)), new JournalEntry(r.getString(18), r.getString(19), r.getString(20),
                r.getString(21)));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static void setInstant(PreparedStatement p, int index, Instant value) throws SQLException {
        if (value == null) p.setNull(index, Types.INTEGER); else p.setLong(index, value.toEpochMilli());
    }

    private Map<String, String> args(String json) {
        TreeMap<String, String> args = ArgsJson.read(json);
        if (args == null) throw StoreFailure.corrupted(file, null);
        return args;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException e) {
            // already failing with a clearer message
        }
    }
}

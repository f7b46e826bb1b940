package dev.orch.interpreter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.JsonMappers;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The questions `ask` put to people, in the store's `questions` table: a run that cannot ask on a terminal records
 * its question here and waits (status `waiting`, no process); `orch answer` records the answer; the continued run
 * finds it again by the ask's place.
 */
public final class Questions {
    private static final ObjectMapper JSON = JsonMappers.DATA;
    private static final String COLUMNS = "run_id, id, place, task_key, question, options, default_answer, asked_at,"
            + " timeout_at, answer, answered_at";

    private final RunStore store;

    Questions(RunStore store) {
        this.store = store;
    }

    /**
     * Records {@code q} and returns it with its id (`q1`, `q2`, ... in the run's order), unless the same question
     * already waits at its place: then that one, asked when it was first asked (its timeout runs from then).
     */
    public Question ask(Question q) {
        return store.inTransaction("record a question of run " + q.runId(), true, () -> {
            Optional<Question> same = find(q.runId(), q.place());
            if (same.isPresent() && !same.get().answered() && same.get().text().equals(q.text())
                    && same.get().options().equals(q.options())) {
                return same.get();
            }
            int n;
            try (PreparedStatement p = store.connection().prepareStatement("SELECT COUNT(*) FROM questions WHERE run_id = ?")) {
                p.setString(1, q.runId());
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    n = r.getInt(1);
                }
            }
            Question stored = new Question(q.runId(), "q" + (n + 1), q.place(), q.taskKey(), q.text(), q.options(),
                    q.defaultAnswer(), q.askedAt(), q.timeoutAt(), null, null);
            try (PreparedStatement p = store.connection().prepareStatement(
                    "INSERT INTO questions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)")) {
                p.setString(1, stored.runId());
                p.setString(2, stored.id());
                p.setString(3, stored.place());
                p.setString(4, stored.taskKey());
                p.setString(5, stored.text());
                p.setString(6, stored.options().isEmpty() ? null : json(stored.options()));
                p.setString(7, stored.defaultAnswer());
                p.setLong(8, stored.askedAt().toEpochMilli());
                setInstant(p, 9, stored.timeoutAt());
                p.executeUpdate();
            }
            return stored;
        });
    }

    /** The latest question asked at {@code place} in the run, answered or not. */
    public Optional<Question> at(String runId, String place) {
        return store.inTransaction("read the questions of run " + runId, false, () -> find(runId, place));
    }

    /** Every question of the run, in the order asked. */
    public List<Question> of(String runId) {
        return store.inTransaction("read the questions of run " + runId, false, () -> {
            List<Question> out = new ArrayList<>();
            try (PreparedStatement p = store.connection().prepareStatement(
                    "SELECT " + COLUMNS + " FROM questions WHERE run_id = ? ORDER BY asked_at, CAST(SUBSTR(id, 2) AS INTEGER)")) {
                p.setString(1, runId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.add(question(r));
                }
            }
            return out;
        });
    }

    /** The questions of the run that wait for an answer. */
    public List<Question> pending(String runId) {
        return of(runId).stream().filter(q -> !q.answered()).toList();
    }

    /** Records the answer to question {@code id} of the run. */
    public void answer(String runId, String id, String answer) {
        Instant now = store.now();
        store.inTransaction("record the answer to " + id + " of run " + runId, true, () -> {
            try (PreparedStatement p = store.connection().prepareStatement(
                    "UPDATE questions SET answer = ?, answered_at = ? WHERE run_id = ? AND id = ?")) {
                p.setString(1, answer);
                p.setLong(2, now.toEpochMilli());
                p.setString(3, runId);
                p.setString(4, id);
                if (p.executeUpdate() == 0) throw new StoreException("run " + runId + " has no question " + id);
            }
            return null;
        });
    }

    private Optional<Question> find(String runId, String place) throws SQLException {
        try (PreparedStatement p = store.connection().prepareStatement(
                "SELECT " + COLUMNS + " FROM questions WHERE run_id = ? AND place = ? ORDER BY asked_at DESC, rowid DESC LIMIT 1")) {
            p.setString(1, runId);
            p.setString(2, place);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(question(r)) : Optional.empty();
            }
        }
    }

    private static Question question(ResultSet r) throws SQLException {
        String options = r.getString("options");
        return new Question(r.getString("run_id"), r.getString("id"), r.getString("place"), r.getString("task_key"),
                r.getString("question"), options == null ? List.of() : list(options), r.getString("default_answer"),
                instant(r, "asked_at"), instant(r, "timeout_at"), r.getString("answer"), instant(r, "answered_at"));
    }

    private static List<String> list(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static String json(List<String> options) {
        try {
            return JSON.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of text always serialises", e);
        }
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static void setInstant(PreparedStatement p, int index, Instant value) throws SQLException {
        if (value == null) p.setNull(index, Types.INTEGER); else p.setLong(index, value.toEpochMilli());
    }
}

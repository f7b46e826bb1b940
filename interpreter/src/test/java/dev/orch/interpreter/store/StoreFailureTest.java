package dev.orch.interpreter.store;

import static dev.orch.interpreter.store.Fixtures.ok;
import static dev.orch.interpreter.store.Fixtures.options;
import static dev.orch.interpreter.store.Fixtures.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that cannot be used says so in one line naming the file and what to do; a run never starts without one. */
class StoreFailureTest {
    @TempDir
    Path dir;

    private final TestClock clock = new TestClock("2026-11-25T08:53:10Z");

    private StoreOptions quick() {
        return options(clock, true).withBusyTimeout(Duration.ofMillis(200));
    }

    @Test
    void aFileOfRandomBytesIsReportedAsDamaged() throws Exception {
        Path file = dir.resolve("runs.db");
        byte[] noise = new byte[8192];
        new Random(1).nextBytes(noise);
        Files.write(file, noise);

        assertThatThrownBy(() -> RunStore.open(file, quick()))
                .isInstanceOf(StoreException.class)
                .hasMessage("the run store " + file + " is damaged (not a readable SQLite database); move it aside:"
                        + " runs recorded in it cannot be read, and the next run starts a new store");
        assertThat(Files.readAllBytes(file)).as("the damaged file is left as it was").isEqualTo(noise);
    }

    @Test
    void aTruncatedStoreIsReportedAsDamaged() throws Exception {
        Path file = dir.resolve("runs.db");
        try (RunStore store = RunStore.open(file, quick())) {
            for (int r = 0; r < 20; r++) {
                String id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
                for (int i = 0; i < 20; i++) store.recordCall(ok(id, "main/" + i, 1, clock.instant(), 5));
            }
        }
        long size = Files.size(file);
        assertThat(size).isGreaterThan(16 * 4096);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size / 2);
        }

        assertThatThrownBy(() -> RunStore.open(file, quick()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is damaged").hasMessageContaining(file.toString()).hasMessageContaining("move it aside");
    }

    @Test
    void aJournalDeletedUnderAStoreInUseIsNamedWithWhatToDo() throws Exception {
        Path file = dir.resolve("runs.db");
        try (RunStore writer = RunStore.open(file, quick())) {
            String id = writer.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            writer.recordCall(ok(id, "main/1", 1, clock.instant(), 5));
            Files.delete(dir.resolve("runs.db-wal"));

            assertThatThrownBy(() -> RunStore.open(file, quick()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot open the run store " + file + ": its journal runs.db-wal is missing"
                            + " while runs.db-shm says it holds commits")
                    .hasMessageContaining("delete " + dir.resolve("runs.db-shm"));
        }
    }

    @Test
    void aStoreLockedByAnotherProcessBeyondTheBusyTimeoutCannotBeOpened() throws Exception {
        Path file = dir.resolve("runs.db");
        RunStore.open(file, quick()).close();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = other.createStatement()) {
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("INSERT INTO schema_version VALUES (99, 0)");

            long started = System.nanoTime();
            assertThatThrownBy(() -> RunStore.open(file, quick()))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("the run store " + file + " is locked by another process (waited 200ms to open it);"
                            + " wait for the other orch to finish, or record this run elsewhere with --store PATH");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
            s.execute("ROLLBACK");
        }
    }

    @Test
    void aWriteBlockedByAnotherWriterBeyondTheBusyTimeoutFailsWithoutLosingEarlierCalls() throws Exception {
        Path file = dir.resolve("runs.db");
        try (RunStore store = RunStore.open(file, quick())) {
            String id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            store.recordCall(ok(id, "main/1:1", 1, clock.instant(), 5));
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                assertThatThrownBy(() -> store.recordCall(ok(id, "main/2:1", 1, clock.instant(), 5)))
                        .isInstanceOf(StoreException.class)
                        .hasMessageStartingWith("the run store " + file + " is locked by another process (waited 200ms"
                                + " to journal a call of run " + id + ")");
                s.execute("ROLLBACK");
            }
            assertThat(store.journal(id)).extracting(CallRecord::taskKey).containsExactly("main/1:1");
            store.recordCall(ok(id, "main/2:1", 1, clock.instant(), 5));
            assertThat(store.journal(id)).hasSize(2);
        }
    }

    @Test
    void anotherProgramsSqliteFileIsNotTakenOver() throws Exception {
        Path file = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER)");
        }

        assertThatThrownBy(() -> RunStore.open(file, quick()))
                .isInstanceOf(StoreException.class)
                .hasMessage(file + " is a SQLite database but not an orch run store; give --store a new file path,"
                        + " or move that file aside");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertThat(r.getString(1)).as("the other program's file is not switched to WAL").isEqualTo("delete");
        }
    }

    @Test
    void aStoreFromANewerOrchIsRefused() throws Exception {
        Path file = dir.resolve("runs.db");
        RunStore.open(file, quick()).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (" + (Schema.VERSION + 1) + ", 0)");
        }

        assertThatThrownBy(() -> RunStore.open(file, quick()))
                .isInstanceOf(StoreException.class)
                .hasMessage("the run store " + file + " was written by a newer orch (schema " + (Schema.VERSION + 1)
                        + ", this orch knows " + Schema.VERSION + "); upgrade orch, or use --store PATH for another file");
    }

    @Test
    void aFolderGivenAsTheStoreIsRefused() {
        assertThatThrownBy(() -> RunStore.open(dir, quick()))
                .isInstanceOf(StoreException.class)
                .hasMessage("the run store " + dir + " is a folder; give --store a file path such as .orch/runs.db");
    }

    @Test
    void aStoreInAnUnwritablePlaceIsReported() throws Exception {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");

        assertThatThrownBy(() -> RunStore.open(blocker.resolve("runs.db"), quick()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot create the folder " + blocker + " for the run store");
    }
}

package dev.orch.interpreter.store;

import static dev.orch.interpreter.store.Fixtures.ok;
import static dev.orch.interpreter.store.Fixtures.options;
import static dev.orch.interpreter.store.Fixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls journaled at once share commits, yet each caller returns only once its own call is on disk. */
class GroupCommitTest {
    @TempDir
    Path dir;

    private final TestClock clock = new TestClock("2026-11-25T08:53:10Z");

    @Test
    void twoHundredCallersJournalingAtOnceAllFindTheirCallAfterReopening() throws Exception {
        Path file = dir.resolve("runs.db");
        String id;
        List<Long> seqs = new ArrayList<>();
        try (RunStore store = RunStore.open(file, options(clock, true))) {
            id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            Instant t = clock.instant();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> done = new ArrayList<>();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 200; i++) {
                    String task = "main/7:3[" + i + "]";
                    done.add(threads.submit(() -> {
                        go.await();
                        return store.recordCall(ok(id, task, 1, t, 5));
                    }));
                }
                go.countDown();
            }
            for (Future<Long> f : done) seqs.add(f.get());
        }
        try (RunStore reopened = RunStore.open(file, options(clock, true))) {
            assertThat(seqs).doesNotHaveDuplicates().hasSize(200);
            assertThat(reopened.journal(id)).extracting(CallRecord::seq).containsExactlyInAnyOrderElementsOf(seqs);
            assertThat(reopened.run(id).orElseThrow().totals().calls()).isEqualTo(200);
            for (int i = 0; i < 200; i++) assertThat(reopened.journaled(id, "main/7:3[" + i + "]")).isPresent();
        }
    }

    @Test
    void aCommitThatFailsIsReportedToEveryCallerWaitingOnIt() throws Exception {
        Path file = dir.resolve("runs.db");
        try (RunStore store = RunStore.open(file, options(clock, true).withBusyTimeout(Duration.ofMillis(200)))) {
            String id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            Instant t = clock.instant();
            List<Future<Long>> done = new ArrayList<>();
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE"); // another process holds the write lock past the busy timeout
                try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < 200; i++) {
                        String task = "main/7:3[" + i + "]";
                        done.add(threads.submit(() -> store.recordCall(ok(id, task, 1, t, 5))));
                    }
                }
                s.execute("ROLLBACK");
            }
            List<String> messages = new ArrayList<>();
            for (Future<Long> f : done) {
                try {
                    f.get();
                    messages.add("journaled");
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(StoreException.class);
                    messages.add(e.getCause().getMessage());
                }
            }
            assertThat(messages).hasSize(200).allSatisfy(m -> assertThat(m)
                    .startsWith("the run store " + file + " is locked by another process (waited 200ms"));
            assertThat(store.journal(id)).isEmpty();
            assertThat(store.run(id).orElseThrow().totals().calls()).isZero();
        }
    }

    @Test
    void aCallForAnUnknownRunFailsAloneAndTheOthersInItsBatchAreJournaled() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"), options(clock, true))) {
            String id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            Instant t = clock.instant();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> good = new ArrayList<>();
            Future<Long> bad;
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 50; i++) {
                    String task = "main/7:3[" + i + "]";
                    good.add(threads.submit(() -> {
                        go.await();
                        return store.recordCall(ok(id, task, 1, t, 5));
                    }));
                }
                bad = threads.submit(() -> {
                    go.await();
                    return store.recordCall(ok("20000101-0000-0000", "main/1:1", 1, t, 5));
                });
                go.countDown();
            }
            for (Future<Long> f : good) f.get();
            assertThat(bad).failsWithin(Duration.ZERO).withThrowableThat()
                    .havingCause().isInstanceOf(StoreException.class).withMessageStartingWith("no run 20000101-0000-0000");
            assertThat(store.journal(id)).hasSize(50);
        }
    }
}

package dev.orch.interpreter.store;

import static dev.orch.interpreter.store.Fixtures.failed;
import static dev.orch.interpreter.store.Fixtures.ok;
import static dev.orch.interpreter.store.Fixtures.options;
import static dev.orch.interpreter.store.Fixtures.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
    @TempDir
    Path dir;

    private final TestClock clock = new TestClock("2026-11-25T08:53:10Z");

    private RunStore open(boolean ownerAlive) {
        return RunStore.open(dir.resolve(".orch/runs.db"), options(clock, ownerAlive));
    }

    @Test
    void aPlanRecordedAfterItsRunStartedIsThePlanOfThatRunAndIsNotReplacedLater() {
        try (RunStore store = open(true)) {
            RunRecord run = store.startRun(new RunStart(dir.resolve("pipeline.orch"), Fixtures.PLAN_SHA, null, Map.of()));
            assertThat(store.plan(run.id())).as("stopped before its plan was recorded").isNull();
            store.recordCall(ok(run.id(), "main/4:3", 1, clock.instant(), 5)); // the run goes on meanwhile

            store.recordPlan(run.id(), Fixtures.PLAN_JSON);
            assertThat(store.planJson(run.id())).isEqualTo(Fixtures.PLAN_JSON);
            store.recordPlan(run.id(), Fixtures.PLAN_JSON.replace("smart", "other"));
            assertThat(store.planJson(run.id())).isEqualTo(Fixtures.PLAN_JSON);
            assertThat(store.journal(run.id())).hasSize(1);
        }
    }

    @Test
    void aRunTakesThePlanJsonAnEarlierRunOfTheSameKeyRecorded() {
        try (RunStore store = open(true)) {
            Path script = dir.resolve("pipeline.orch");
            assertThat(store.planJsonFor("k1")).isNull();
            RunRecord pending = store.startRun(new RunStart(script, Fixtures.PLAN_SHA, null, Map.of(), "k1"));
            assertThat(store.planJsonFor("k1")).as("not recorded yet").isNull();
            store.recordPlan(pending.id(), Fixtures.PLAN_JSON);
            assertThat(store.planJsonFor("k1")).isEqualTo(Fixtures.PLAN_JSON);
            assertThat(store.planJsonFor("k2")).isNull();
            RunRecord next = store.startRun(new RunStart(script, Fixtures.PLAN_SHA, store.planJsonFor("k1"), Map.of(), "k1"));
            assertThat(store.planJson(next.id())).isEqualTo(Fixtures.PLAN_JSON);
        }
    }

    @Test
    void aStartedRunIsRecordedAsRunningWithItsPlanAndArguments() {
        try (RunStore store = open(true)) {
            RunRecord run = store.startRun(start(dir.resolve("pipeline.orch"), Map.of("feature", "login")));

            assertThat(run.id()).matches("20261125-0853-[0-9a-f]{4}");
            assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(run.script()).isEqualTo(dir.resolve("pipeline.orch").toString());
            assertThat(run.args()).containsExactly(Map.entry("feature", "login"));
            assertThat(run.startedAt()).isEqualTo(clock.instant());
            assertThat(run.endedAt()).isNull();
            assertThat(store.planJson(run.id())).isEqualTo(Fixtures.PLAN_JSON);
            assertThat(Files.exists(dir.resolve(".orch/runs.db"))).isTrue();
        }
    }

    @Test
    void finishingARunRecordsItsOutcomeAndEndTime() {
        try (RunStore store = open(true)) {
            String id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            clock.advance(Duration.ofSeconds(72));
            store.finishRun(id, RunStatus.FAILED, "fail: tests failed");
            RunRecord failed = store.run(id).orElseThrow();

            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.error()).isEqualTo("fail: tests failed");
            assertThat(failed.duration(Instant.MAX)).isEqualTo(Duration.ofSeconds(72));
        }
    }

    @Test
    void aRunningRunWhoseProcessIsGoneReadsAsKilled() {
        String id;
        try (RunStore store = open(true)) {
            id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            assertThat(store.run(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        }
        try (RunStore store = open(false)) {
            assertThat(store.run(id).orElseThrow().status()).isEqualTo(RunStatus.KILLED);
            store.finishRun(id, RunStatus.FAILED, "stopped");
            assertThat(store.run(id).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        }
    }

    @Test
    void runsAreListedNewestFirst() {
        try (RunStore store = open(true)) {
            String first = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            clock.advance(Duration.ofHours(2));
            String third = store.startRun(start(dir.resolve("c.orch"), Map.of())).id();
            clock.advance(Duration.ofDays(-1));
            String older = store.startRun(start(dir.resolve("b.orch"), Map.of())).id();

            assertThat(store.runs()).extracting(RunRecord::id).containsExactly(third, first, older);
        }
    }

    @Test
    void journalingACallAddsItsTokensAndCostToTheRun() {
        try (RunStore store = open(true)) {
            String id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            Instant t = clock.instant();
            store.recordCall(ok(id, "main/5:3", "analyse", "analyst", "an analysis", t, 1200, 120, 80, 0.0005));
            store.recordCall(failed(id, "main/9:5", "build", 1, "architect", "server", "HTTP 503", t, 300));

            RunRecord run = store.run(id).orElseThrow();
            assertThat(run.totals()).isEqualTo(new Totals(2, 120, 80, 0.0005));
            assertThat(store.journal(id)).extracting(CallRecord::taskKey).containsExactly("main/5:3", "main/9:5");
        }
    }

    @Test
    void onlyAFinishedSuccessfulCallIsReplayed() {
        try (RunStore store = open(true)) {
            String id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            Instant t = clock.instant();
            store.recordCall(failed(id, "main/9:5", null, 1, "analyst", "server", "HTTP 503", t, 300));
            assertThat(store.journaled(id, "main/9:5")).isEmpty();

            store.recordCall(ok(id, "main/9:5", 2, t, 900));
            store.recordCall(failed(id, "main/9:5", null, 3, "analyst", "timeout", "after 30s", t, 300));

            CallRecord replay = store.journaled(id, "main/9:5").orElseThrow();
            assertThat(replay.reply()).isEqualTo("reply to main/9:5");
            assertThat(replay.attempt()).isEqualTo(2);
            assertThat(store.journaled(id, "main/9:5[1]")).as("a loop index makes another task").isEmpty();
            assertThat(store.journaled("20000101-0000-0000", "main/9:5")).isEmpty();
        }
    }

    @Test
    void aJournaledCallIsReadableFromAnotherConnectionBeforeTheStoreIsClosed() {
        Path file = dir.resolve(".orch/runs.db");
        RunStore writer = RunStore.open(file, options(clock, true));
        String id = writer.startRun(start(dir.resolve("a.orch"), Map.of())).id();
        writer.recordCall(ok(id, "main/3:1", 1, clock.instant(), 10));
        // the writer is never closed cleanly: what another process sees is only what was committed
        try (RunStore reader = RunStore.open(file, options(clock, true))) {
            assertThat(reader.journaled(id, "main/3:1")).map(CallRecord::reply).contains("reply to main/3:1");
            assertThat(reader.run(id).orElseThrow().totals().calls()).isEqualTo(1);
        }
        writer.close();
        try (RunStore reopened = RunStore.open(file, options(clock, true))) {
            assertThat(reopened.journal(id)).hasSize(1);
        }
    }

    @Test
    void aHundredVirtualThreadsJournalingAtOnceLoseNothing() throws Exception {
        try (RunStore store = open(true)) {
            String id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            Instant t = clock.instant();
            List<Future<Long>> done = new ArrayList<>();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 100; i++) {
                    String task = "main/7:3[" + i + "]";
                    done.add(threads.submit(() -> store.recordCall(ok(id, task, 1, t, 5))));
                }
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<Long> f : done) seqs.add(f.get());

            assertThat(seqs).doesNotHaveDuplicates().hasSize(100);
            assertThat(store.journal(id)).hasSize(100);
            Totals totals = store.run(id).orElseThrow().totals();
            assertThat(totals.calls()).isEqualTo(100);
            assertThat(totals.tokens()).isEqualTo(1500);
            assertThat(totals.cost()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
            for (int i = 0; i < 100; i++) assertThat(store.journaled(id, "main/7:3[" + i + "]")).isPresent();
        }
    }

    @Test
    void aRunIsFoundByAUniquePrefixOfItsId() {
        try (RunStore store = open(true)) {
            String a = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            String b = store.startRun(start(dir.resolve("b.orch"), Map.of())).id();

            assertThat(store.run(a.substring(0, 16))).map(RunRecord::id).contains(a);
            assertThat(store.run("1999")).isEmpty();
            assertThatThrownBy(() -> store.run("20261125-0853"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("matches several runs").hasMessageContaining(a).hasMessageContaining(b);
        }
    }

    @Test
    void resumingTakesTheRunUpAgainAndReplaysWhatFinished() {
        String id;
        try (RunStore store = open(true)) {
            id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            store.recordCall(ok(id, "main/3:1", 1, clock.instant(), 10));
            assertThatThrownBy(() -> store.resumeRun(id, null))
                    .isInstanceOf(StoreException.class).hasMessageContaining("is still running");
        }
        try (RunStore store = open(false)) {
            clock.advance(Duration.ofMinutes(5));
            RunRecord resumed = store.resumeRun(id, null);

            assertThat(resumed.status()).isEqualTo(RunStatus.KILLED).as("the fake owner is dead in this store");
            assertThat(store.journaled(id, "main/3:1")).isPresent();
            assertThat(store.events(id)).extracting(PhaseEvent::kind).containsExactly(PhaseEvent.Kind.RUN_RESUMED);
        }
    }

    @Test
    void resumingFromAPhaseSetsAsideEverythingJournaledSinceThatPhaseBegan() {
        try (RunStore store = open(false)) {
            String id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            Instant t = clock.instant();
            store.phaseStarted(id, "analyse", "main/2:3");
            store.recordCall(ok(id, "main/3:5", 1, t, 10));
            store.phaseFinished(id, "analyse", "main/2:3");
            store.phaseStarted(id, "build", "main/6:3");
            store.recordCall(ok(id, "main/7:5", 1, t, 10));
            store.recordCall(failed(id, "main/8:5", "build", 1, "analyst", "server", "HTTP 500", t, 10));
            store.finishRun(id, RunStatus.FAILED, "server: HTTP 500");

            store.resumeRun(id, "build");
            assertThat(store.journaled(id, "main/3:5")).as("before the phase").isPresent();
            assertThat(store.journaled(id, "main/7:5")).as("inside the phase").isEmpty();

            store.recordCall(ok(id, "main/7:5", 1, t, 10));
            assertThat(store.journaled(id, "main/7:5")).as("journaled again after the resume").isPresent();
            assertThat(store.journal(id)).as("history is kept").hasSize(4);

            assertThatThrownBy(() -> store.resumeRun(id, "deploy"))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("phase \"deploy\" never started in run " + id
                            + "; phases it reached: \"analyse\", \"build\"");
        }
    }

    @Test
    void theReplyCacheGivesBackAStoredReplyForTheSameRequestOnly() {
        try (RunStore store = open(true)) {
            String key = CacheKey.of("openai", "gpt-4o", "You analyse.", "Analyse login", Map.of("temperature", 0.2,
                    "max_tokens", 800));
            assertThat(store.cached(key)).isEmpty();

            store.storeCached(key, new CachedReply("openai", "gpt-4o", "an analysis", 120, 80, 0.0005));

            assertThat(store.cached(key)).contains(new CachedReply("openai", "gpt-4o", "an analysis", 120, 80, 0.0005));
            assertThat(store.cached(CacheKey.of("openai", "gpt-4o", "You analyse.", "Analyse signup",
                    Map.of("temperature", 0.2, "max_tokens", 800)))).isEmpty();
        }
    }

    @Test
    void aCallAndItsCacheEntryAreCommittedTogetherOrNotAtAll() {
        try (RunStore store = open(true)) {
            String id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            String key = CacheKey.of("openai", "gpt-4o", null, "Analyse login", Map.of());
            CachedReply reply = new CachedReply("openai", "gpt-4o", "an analysis", 120, 80, 0.0005);
            store.recordCall(ok(id, "main/3:5", 1, clock.instant(), 900), key, reply);
            assertThat(store.journaled(id, "main/3:5")).isPresent();
            assertThat(store.cached(key)).contains(reply);

            String other = CacheKey.of("openai", "gpt-4o", null, "Analyse signup", Map.of());
            assertThatThrownBy(() -> store.recordCall(ok("no-such-run", "main/3:5", 1, clock.instant(), 900), other, reply))
                    .isInstanceOf(StoreException.class);
            assertThat(store.cached(other)).as("the refused call left no cache entry").isEmpty();

            store.cacheIfAbsent(key, new CachedReply("openai", "gpt-4o", "another analysis", 1, 1, 0));
            assertThat(store.cached(key)).as("an entry there already is kept").contains(reply);
        }
    }

    @Test
    void theCacheKeyIgnoresOptionOrderButNotAnyPartOfTheRequest() {
        Map<String, Object> options = new java.util.LinkedHashMap<>();
        options.put("temperature", 0.2);
        options.put("max_tokens", 800);
        Map<String, Object> reversed = new java.util.LinkedHashMap<>();
        reversed.put("max_tokens", 800);
        reversed.put("temperature", 0.2);
        String key = CacheKey.of("openai", "gpt-4o", "sys", "prompt", options);

        assertThat(key).hasSize(64).isEqualTo(CacheKey.of("openai", "gpt-4o", "sys", "prompt", reversed));
        assertThat(key).isNotEqualTo(CacheKey.of("anthropic", "gpt-4o", "sys", "prompt", options))
                .isNotEqualTo(CacheKey.of("openai", "gpt-4o-mini", "sys", "prompt", options))
                .isNotEqualTo(CacheKey.of("openai", "gpt-4o", null, "prompt", options))
                .isNotEqualTo(CacheKey.of("openai", "gpt-4o", "sys", "prompt", Map.of("temperature", 0.3)));
        assertThat(CacheKey.of("p", "m", "ab", "c", Map.of())).as("parts cannot run together")
                .isNotEqualTo(CacheKey.of("p", "m", "a", "bc", Map.of()));
    }

    @Test
    void theStoreIsChosenByOptionThenEnvironmentThenBesideTheScript() {
        Path script = dir.resolve("flows/pipeline.orch");
        assertThat(StoreLocation.choose(Path.of("x.db"), "/tmp/env.db", script)).isEqualTo(Path.of("x.db"));
        assertThat(StoreLocation.choose(null, "/tmp/env.db", script)).isEqualTo(Path.of("/tmp/env.db"));
        assertThat(StoreLocation.choose(null, null, script)).isEqualTo(dir.resolve("flows/.orch/runs.db"));
        assertThat(StoreLocation.choose(null, "", null)).isEqualTo(Path.of(".orch/runs.db"));
    }

    @Test
    void journalingForAnUnknownRunIsRefusedByName() {
        try (RunStore store = open(true)) {
            assertThatThrownBy(() -> store.recordCall(ok("20000101-0000-0000", "main/1:1", 1, clock.instant(), 5)))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("no run 20000101-0000-0000 in the run store " + dir.resolve(".orch/runs.db")
                            + "; `orch runs` lists the runs it holds");
            assertThatThrownBy(() -> store.phaseStarted("20000101-0000-0000", "build", "main/2:1"))
                    .isInstanceOf(StoreException.class).hasMessageStartingWith("no run 20000101-0000-0000");
        }
    }

    @Test
    void theRecordedPlanIsGivenBackForResume() throws Exception {
        Plan plan = PlanJson.read("""
                {"version": 1, "source": {"path": "a.orch", "sha256": "abc123"},
                 "models": [], "agents": [], "breakers": [], "workflows": []}""");
        try (RunStore store = open(true)) {
            RunRecord run = store.startRun(RunStart.of(dir.resolve("a.orch"), plan, Map.of()));

            assertThat(run.planSha256()).isEqualTo("abc123");
            assertThat(store.plan(run.id())).isEqualTo(plan);

            String broken = store.startRun(new RunStart(dir.resolve("b.orch"), "abc", "{\"version\": 1, \"from_the_future\": 1}",
                    Map.of())).id();
            assertThatThrownBy(() -> store.plan(broken))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("the plan recorded for run " + broken)
                    .hasMessageEndingWith("; run the script again instead");
        }
    }

    @Test
    void aCallFinishedOnAThreadBeingCancelledIsStillJournaled() throws Exception {
        try (RunStore store = open(true)) {
            String id = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            Thread branch = Thread.ofVirtual().unstarted(() -> {
                Thread.currentThread().interrupt(); // a sibling failed and cancelled this branch as its reply came in
                store.recordCall(ok(id, "main/5:5", 1, clock.instant(), 5));
            });
            branch.start();
            branch.join();

            assertThat(store.journaled(id, "main/5:5")).isPresent();
        }
    }

    @Test
    void twoRunsStartedInTheSameMinuteGetDifferentIds() {
        int[] draws = {0x0005, 0x0005, 0x0009};
        int[] next = {0};
        StoreOptions sameDraw = options(clock, true).withRandom(new java.util.random.RandomGenerator() {
            @Override
            public long nextLong() {
                return draws[next[0]++];
            }

            @Override
            public int nextInt(int bound) {
                return (int) nextLong();
            }
        });
        try (RunStore store = RunStore.open(dir.resolve("runs.db"), sameDraw)) {
            String a = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();
            String b = store.startRun(start(dir.resolve("a.orch"), Map.of())).id();

            assertThat(a).isEqualTo("20261125-0853-0005");
            assertThat(b).isEqualTo("20261125-0853-0009");
        }
    }
}

package dev.orch.cli.render;

import static dev.orch.interpreter.store.Fixtures.failed;
import static dev.orch.interpreter.store.Fixtures.ok;

import dev.orch.interpreter.store.CallRecord;
import dev.orch.interpreter.store.Fixtures;
import dev.orch.interpreter.store.JournalEntry;
import dev.orch.interpreter.store.ProcessOwner;
import dev.orch.interpreter.store.RunRecord;
import dev.orch.interpreter.store.RunStart;
import dev.orch.interpreter.store.RunStatus;
import dev.orch.interpreter.store.RunStore;
import dev.orch.interpreter.store.StoreOptions;
import dev.orch.interpreter.store.TestClock;
import dev.orch.testkit.Golden;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `orch runs` and `orch show` print, for a store filled with three runs at exact times: one that succeeded
 * after a retry, one that failed, one whose process died mid-phase and one still running.
 */
class RenderingGoldenTest {
    @TempDir
    Path dir;

    private final Path base = Path.of("/work/project");
    private final TestClock clock = new TestClock("2026-11-25T08:53:10Z");
    private final Instant now = Instant.parse("2026-11-25T11:00:00Z");
    private RunStore store;
    private String succeeded;
    private String failedRun;
    private String killed;
    private String running;

    private static final ProcessOwner ALIVE = new ProcessOwner("build-host", 4242, null);
    private static final ProcessOwner DEAD = new ProcessOwner("build-host", 999, null);

    private StoreOptions as(ProcessOwner owner) {
        return StoreOptions.defaults().withClock(clock).withRandom(new Random(owner.pid()))
                .withOwner(owner, o -> o.pid() == ALIVE.pid());
    }

    @BeforeEach
    void fill() {
        Path file = dir.resolve("runs.db");
        try (RunStore s = RunStore.open(file, as(ALIVE))) {
            succeeded = pipeline(s);
        }
        try (RunStore s = RunStore.open(file, as(DEAD))) {
            clock.set("2026-11-25T09:30:00Z");
            failedRun = failing(s);
            clock.set("2026-11-25T10:02:00Z");
            killed = dying(s);
        }
        store = RunStore.open(file, as(ALIVE));
        clock.set("2026-11-25T10:58:30Z");
        running = store.startRun(new RunStart(base.resolve("flows/nightly.orch"), Fixtures.PLAN_SHA,
                Fixtures.PLAN_JSON, Map.of())).id();
        Instant t = clock.instant();
        store.recordCall(ok(running, "main/3:1", null, "summarizer", "a summary", t.plusMillis(20), 840, 1200, 150, 0.0031));
    }

    private String pipeline(RunStore s) {
        String id = s.startRun(new RunStart(base.resolve("pipeline.orch"), Fixtures.PLAN_SHA, Fixtures.PLAN_JSON,
                Map.of("feature", "login", "tone", "terse"))).id();
        Instant t0 = clock.instant();
        s.phaseStarted(id, "analyse", "main/13:3");
        s.recordCall(ok(id, "main/14:5", "analyse", "analyst", "requirements", t0.plusMillis(5), 1230, 310, 420, 0.0052));
        clock.set("2026-11-25T08:53:11.240Z");
        s.phaseFinished(id, "analyse", "main/13:3");
        s.phaseStarted(id, "build", "main/16:3");
        Instant t1 = clock.instant();
        s.recordCall(ok(id, "main/18:7", "build", "architect", "an API", t1.plusMillis(2), 2310, 880, 1400, 0.0191));
        s.recordCall(ok(id, "main/19:7", "build", "architect", "a UI", t1.plusMillis(3), 1980, 870, 1210, 0.0168));
        Instant t2 = t1.plusMillis(2320);
        s.recordCall(failed(id, "main/22:7", "build", 1, "analyst", "rate_limit", "HTTP 429 from api.openai.com",
                t2, 410));
        s.recordCall(CallRecord.succeeded(id, "main/22:7", "build", 2, "analyst", "gpt-4o", null, "tests pass",
                2450, 600, 0.0098, 1620, t2.plusMillis(1410), t2.plusMillis(3030)));
        clock.set("2026-11-25T08:53:16.600Z");
        s.phaseFinished(id, "build", "main/16:3");
        s.recordCall(ok(id, "main/27:3", null, "scribe", "notes", clock.instant(), 640, 220, 90, 0.0004));
        clock.advance(Duration.ofMillis(700));
        s.finishRun(id, RunStatus.SUCCEEDED, null);
        return id;
    }

    private String failing(RunStore s) {
        String id = s.startRun(new RunStart(Path.of("/elsewhere/review.orch"), Fixtures.PLAN_SHA, Fixtures.PLAN_JSON,
                Map.of())).id();
        Instant t0 = clock.instant();
        s.phaseStarted(id, "review", "main/5:3");
        for (int i = 0; i < 3; i++) {
            s.recordCall(ok(id, "main/7:5[" + i + "]", "review", "reviewer", "fine", t0.plusMillis(10 + i), 900 + 100L * i,
                    500, 200, 0.0021));
        }
        for (int attempt = 1; attempt <= 3; attempt++) {
            s.recordCall(failed(id, "main/9:5", "review", attempt, "judge", "server",
                    "HTTP 503 Service Unavailable\nupstream connect error", t0.plusSeconds(2L * attempt), 30_000));
        }
        clock.set("2026-11-25T09:30:38Z");
        s.finishRun(id, RunStatus.FAILED, "server: HTTP 503 Service Unavailable (after 3 attempts of judge at review.orch:9:5)");
        return id;
    }

    private String dying(RunStore s) {
        String id = s.startRun(new RunStart(base.resolve("pipeline.orch"), Fixtures.PLAN_SHA, Fixtures.PLAN_JSON,
                Map.of("feature", "signup"))).id();
        Instant t0 = clock.instant();
        s.phaseStarted(id, "analyse", "main/13:3");
        s.recordCall(ok(id, "main/14:5", "analyse", "analyst", "requirements", t0.plusMillis(4), 1500, 300, 400, 0.005));
        clock.advance(Duration.ofMillis(1510));
        s.phaseFinished(id, "analyse", "main/13:3");
        s.phaseStarted(id, "build", "main/16:3");
        s.recordCall(ok(id, "main/18:7", "build", "architect", "an API", clock.instant(), 2000, 800, 1300, 0.018));
        return id;
    }

    @Test
    void runsListsNewestFirstWithWhatEachSpent() throws Exception {
        Golden.assertMatches(Golden.resources("store").resolve("runs.txt"), RunsTable.render(store.runs(), now, ZoneOffset.UTC, base));
    }

    /** A review run whose call needed a retry, with its request as journaled, and an effect. */
    private String reviewWithARetry() {
        clock.set("2026-11-25T10:59:00Z");
        String id = store.startRun(new RunStart(base.resolve("swarm.orch"), Fixtures.PLAN_SHA, Fixtures.PLAN_JSON,
                Map.of())).id();
        Instant t = clock.instant();
        JournalEntry review = new JournalEntry("agent", "main/1.0#0[3]", "reports[3] aspect=security", """
                {"max_tokens":800,"model":"gpt-4o","prompt":"Review the login handler for security.\\nList each risk.",\
                "system":"You review code.","temperature":0.2}""");
        store.recordCall(CallRecord.failed(id, "main/6:5[3]", "review", 1, "reviewer", "smart", "k1", "rate_limit",
                "HTTP 429 from api.openai.com", 0, 0, 0, 410, t, t.plusMillis(410)).about(review));
        store.recordCall(CallRecord.succeeded(id, "main/6:5[3]", "review", 2, "reviewer", "smart", "k1",
                "1. The session cookie lacks HttpOnly.\n2. No rate limit on /login.", 1210, 96, 0.0040, 1620,
                t.plusMillis(1410), t.plusMillis(3030)).about(review));
        store.recordCall(CallRecord.succeeded(id, "main/9:3", null, 1, "sh", "", "k2", "\"deployed\\n\"", 0, 0, 0, 12,
                t.plusMillis(3040), t.plusMillis(3052)).about(new JournalEntry("sh", "main/2#0", "deploy",
                "{\"args\":[\"echo deployed\"],\"options\":{}}")));
        return id;
    }

    @Test
    void showOneCallWithItsRequestEveryAttemptAndItsReply() throws Exception {
        String id = reviewWithARetry();
        Map<String, java.util.List<CallRecord>> tasks = CallDetail.byTask(store.journal(id));
        String task = CallDetail.find(tasks, "reports[3]").get(0);
        Golden.assertMatches(Golden.resources("store").resolve("show-call.txt"), CallDetail.render(task, tasks.get(task)) + "\n--- the effect\n\n"
                + CallDetail.render("main/9:3", tasks.get("main/9:3")) + "\n--- orch show RUN --calls\n\n"
                + CallDetail.list(tasks));
    }

    @Test
    void showASucceededRun() throws Exception {
        Golden.assertMatches(Golden.resources("store").resolve("show-succeeded.txt"), show(succeeded));
    }

    @Test
    void showAFailedRun() throws Exception {
        Golden.assertMatches(Golden.resources("store").resolve("show-failed.txt"), show(failedRun));
    }

    @Test
    void showAKilledRunThenItsResume() throws Exception {
        String before = show(killed);
        clock.set("2026-11-25T10:40:00Z");
        store.resumeRun(killed, "build");
        Golden.assertMatches(Golden.resources("store").resolve("show-killed-then-resumed.txt"), before + "\n--- after `orch resume " + killed
                + " --from build`\n\n" + show(killed));
    }

    @Test
    void showAResumedRunMarksTheCallsItReplayed() throws Exception {
        clock.set("2026-11-25T10:40:00Z");
        store.resumeRun(killed, null);
        clock.advance(Duration.ofMillis(30));
        store.recordCall(ok(killed, "main/19:7", "build", "architect", "a UI", clock.instant(), 1800, 700, 1100, 0.015));
        clock.advance(Duration.ofMillis(1800));
        store.phaseFinished(killed, "build", "main/16:3");
        store.finishRun(killed, RunStatus.SUCCEEDED, null);
        Golden.assertMatches(Golden.resources("store").resolve("show-resumed.txt"), show(killed));
    }

    /** A run whose first phase failed (its error caught further out) and whose second was cancelled with a call in flight. */
    @Test
    void showAPhaseThatFailedOrWasCancelledAsSuchAndACancelledCallSaysSoOnce() throws Exception {
        clock.set("2026-11-25T10:59:00Z");
        String id = store.startRun(new RunStart(base.resolve("deploy.orch"), Fixtures.PLAN_SHA, Fixtures.PLAN_JSON,
                Map.of())).id();
        Instant t = clock.instant();
        store.phaseStarted(id, "check", "main/3:3");
        store.recordCall(failed(id, "main/4:5", "check", 1, "checker", "bad_output", "the reply does not fit {ok: bool}",
                t.plusMillis(5), 800));
        clock.advance(Duration.ofMillis(900));
        store.phaseFinished(id, "check", "main/3:3", "bad_output");
        store.phaseStarted(id, "deploy", "main/8:3");
        store.recordCall(failed(id, "main/9:5", "deploy", 1, "deployer", "cancelled", "cancelled", clock.instant(), 2000));
        clock.advance(Duration.ofMillis(2100));
        store.phaseFinished(id, "deploy", "main/8:3", "cancelled");
        store.finishRun(id, RunStatus.FAILED, "cancelled: stopped before it finished");
        Map<String, java.util.List<CallRecord>> tasks = CallDetail.byTask(store.journal(id));
        Golden.assertMatches(Golden.resources("store").resolve("show-phase-outcomes.txt"), show(id) + "\n--- orch show RUN main/9:5\n\n"
                + CallDetail.render("main/9:5", tasks.get("main/9:5")) + "\n--- orch show RUN --calls\n\n" + CallDetail.list(tasks));
    }

    @Test
    void showARunningRun() throws Exception {
        Golden.assertMatches(Golden.resources("store").resolve("show-running.txt"), show(running));
    }

    private String show(String id) {
        RunRecord run = store.run(id).orElseThrow();
        return RunTree.render(run, store.journal(id), store.events(id), now, ZoneOffset.UTC, base);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }
}

package dev.orch.interpreter.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/** Stores and records the tests share: a deterministic store, a small plan, calls with exact times. */
public final class Fixtures {
    public static final String PLAN_SHA = "3f2a9c1d0e4b5a6978877665544332211000ffeeddccbbaa9988776655443322";
    public static final String PLAN_JSON = """
            {"version":1,"source":{"path":"pipeline.orch","sha256":"%s"},
             "models":[{"name":"smart","provider":"openai","api_key_env":"OPENAI_API_KEY"}]}""".formatted(PLAN_SHA);

    /** This process, treated as the owner of every run; liveness answers from {@code alive}. */
    public static final ProcessOwner OWNER = new ProcessOwner("test-host", 4242, null);

    private Fixtures() {}

    public static StoreOptions options(TestClock clock, boolean ownerAlive) {
        return StoreOptions.defaults()
                .withClock(clock)
                .withRandom(new Random(7))
                .withOwner(OWNER, owner -> ownerAlive);
    }

    public static RunStart start(Path script, Map<String, String> args) {
        return new RunStart(script, PLAN_SHA, PLAN_JSON, args);
    }

    public static CallRecord ok(String runId, String task, String phase, String agent, String reply, Instant start, long ms,
                         long in, long out, double cost) {
        return CallRecord.succeeded(runId, task, phase, 1, agent, "gpt-4o", null, reply, in, out, cost, ms, start,
                start.plus(Duration.ofMillis(ms)));
    }

    public static CallRecord ok(String runId, String task, int attempt, Instant start, long ms) {
        return CallRecord.succeeded(runId, task, null, attempt, "analyst", "gpt-4o", null, "reply to " + task, 10, 5,
                0.001, ms, start, start.plus(Duration.ofMillis(ms)));
    }

    public static CallRecord failed(String runId, String task, String phase, int attempt, String agent, String kind,
                             String error, Instant start, long ms) {
        return CallRecord.failed(runId, task, phase, attempt, agent, "gpt-4o", null, kind, error, 0, 0, 0, ms, start,
                start.plus(Duration.ofMillis(ms)));
    }
}

package dev.orch.interpreter.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The child process of {@link CrashTest}: starts a run in the store at args[0], then journals calls as fast as it
 * can, printing each one's number only after {@link RunStore#recordCall} has returned, until it is killed.
 */
public final class JournalingProcess {
    private JournalingProcess() {}

    public static void main(String[] args) {
        RunStore store = RunStore.open(Path.of(args[0]));
        RunRecord run = store.startRun(new RunStart(Path.of("crash.orch"), Fixtures.PLAN_SHA, Fixtures.PLAN_JSON, Map.of()));
        System.out.println("run " + run.id());
        System.out.flush();
        for (int i = 1; ; i++) {
            Instant now = Instant.now();
            store.recordCall(CallRecord.succeeded(run.id(), "main/4:3[" + i + "]", null, 1, "analyst", "mock", null,
                    "reply " + i, 10, 5, 0.001, 1, now, now));
            System.out.println("journaled " + i);
            System.out.flush();
        }
    }
}

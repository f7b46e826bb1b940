package dev.orch.interpreter.store;

import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;

/**
 * Writes the plan of a run started with a {@link RunStart} without its plan JSON into the store on a thread of its
 * own, so the run does not wait for it: a process's first plan serialisation builds Jackson's serializers by reflection, about a
 * sixth of a short `orch run` (BENCHMARKS.md, start-up). {@link #await} before the store closes. A run stopped in
 * the moment before its plan is in has none recorded ({@link RunStore#plan} is null): `orch resume` compiles its
 * unchanged script again, which gives the same plan.
 */
public final class PlanRecording {
    private final Thread thread;
    private volatile RuntimeException failure;

    private PlanRecording(RunStore store, String runId, Plan plan) {
        thread = Thread.ofPlatform().daemon().name("orch-plan-recording").unstarted(() -> {
            try {
                store.recordPlan(runId, PlanJson.write(plan));
            } catch (RuntimeException e) {
                failure = e;
            }
        });
    }

    public static PlanRecording start(RunStore store, String runId, Plan plan) {
        PlanRecording recording = new PlanRecording(store, runId, plan);
        recording.thread.start();
        return recording;
    }

    /** Waits until the plan is recorded; null, or what stopped it (the run itself is recorded either way). */
    public RuntimeException await() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the plan still goes in: a resume needs it
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return failure;
    }
}

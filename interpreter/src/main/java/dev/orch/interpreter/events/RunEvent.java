package dev.orch.interpreter.events;

/**
 * One thing that happened in a run. {@code t}: milliseconds since the run started. {@code task}: the workflow, the
 * node id (`line:col` of the statement) and the indexes of the enclosing `for`/`loop` iterations, as in
 * `main/14:7[2]`; a call inside a called workflow is `main/3:5>review/2:3`. Fields that do not apply are null.
 * {@code phase} (the enclosing phase) and {@code message} (a phase name, a warning, a breaker name) serve progress.
 * {@code cost} (dollars) is a finished call's, or the run's on run_finished, which also counts its {@code calls}.
 */
public record RunEvent(
        Type type,
        long t,
        String run,
        String task,
        String agent,
        String model,
        Integer attempt,
        Long ms,
        Long tokensIn,
        Long tokensOut,
        String error,
        String phase,
        String message,
        Double cost,
        Long calls) {

    public RunEvent(Type type, long t, String run, String task, String agent, String model, Integer attempt, Long ms,
                    Long tokensIn, Long tokensOut, String error, String phase, String message) {
        this(type, t, run, task, agent, model, attempt, ms, tokensIn, tokensOut, error, phase, message, null, null);
    }

    public enum Type {
        RUN_STARTED, TASK_STARTED, TASK_RETRY, TASK_FINISHED, TASK_FAILED, TASK_REPLAYED, TASK_CACHED, BREAKER_OPEN,
        BUDGET_EXCEEDED, RUN_FINISHED,
        /** Progress only; not part of the trace format. */
        PHASE_STARTED, PHASE_FINISHED, WARNING;

        public boolean traced() {
            return ordinal() <= RUN_FINISHED.ordinal();
        }

        public String traceName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

package dev.orch.interpreter.events;

/**
 * One thing that happened in a run, one record per kind. Every event has {@code t}, milliseconds since the run
 * started, and the {@code run} id. {@code task} names the call or statement: the workflow, the node id (`line:col` of
 * the statement) and the indexes of the enclosing `for`/`loop` iterations, as in `main/14:7[2]`; a call inside a
 * called workflow is `main/3:5>review/2:3`. {@code phase} is the enclosing phase's name, or null outside any.
 * An error is its kind's word ({@code server}, {@code cancelled}) and a message (null when the kind says it all).
 * {@link TraceFormat} writes them as `--trace` lines; renderers switch on them.
 */
public sealed interface RunEvent {
    long t();

    String run();

    /** A call to an agent or a `summarize`: the events that carry a task. */
    sealed interface OfTask extends RunEvent {
        String task();

        String phase();
    }

    record RunStarted(long t, String run, String workflow) implements RunEvent {}

    /** {@code error} and {@code message} are null when the run succeeded; {@code calls} counts every attempt. */
    record RunFinished(long t, String run, long ms, long tokensIn, long tokensOut, double cost, long calls, String error,
                       String message) implements RunEvent {
        public boolean failed() {
            return error != null;
        }

        public String errorText() {
            return text(error, message);
        }
    }

    /** {@code label}: what the script names the task ({@code reports[3] aspect=security}), or null. */
    record TaskStarted(long t, String run, String task, String agent, String model, int attempt, String phase,
                       String label) implements OfTask {}

    record TaskFinished(long t, String run, String task, String agent, String model, int attempt, long ms, long tokensIn,
                        long tokensOut, double cost, String phase) implements OfTask {}

    record TaskFailed(long t, String run, String task, String agent, String model, int attempt, long ms, String error,
                      String message, String phase) implements OfTask {
        public String errorText() {
            return text(error, message);
        }
    }

    /** {@code attempt} is the attempt about to start, after {@code delayMs}; the error is the one that ended the last. */
    record TaskRetry(long t, String run, String task, int attempt, long delayMs, String error, String message, String phase)
            implements OfTask {
        public String errorText() {
            return text(error, message);
        }
    }

    /** A reply taken from the run's journal (`orch resume`): no call, no cost. */
    record TaskReplayed(long t, String run, String task, String agent, String model, int attempt, long ms, long tokensIn,
                        long tokensOut, String phase) implements OfTask {}

    /** A reply taken from the reply cache (`--cache`): no call, no cost. */
    record TaskCached(long t, String run, String task, String agent, String model, int attempt, long tokensIn,
                      long tokensOut, String phase) implements OfTask {}

    record BreakerOpen(long t, String run, String task, String agent, String model, int attempt, String breaker,
                       String phase) implements OfTask {}

    record BudgetExceeded(long t, String run, String task, String agent, String model, int attempt, String message,
                          String phase) implements OfTask {}

    /** A tool call the model asked for, on model turn {@code turn} of the agent call {@code task}. */
    record ToolStarted(long t, String run, String task, String tool, int turn, String phase) implements OfTask {}

    record ToolFinished(long t, String run, String task, String tool, int turn, long ms, String phase) implements OfTask {}

    /** The tool's error, which went back to the model as an error result (the call goes on). */
    record ToolFailed(long t, String run, String task, String tool, int turn, long ms, String error, String phase)
            implements OfTask {}

    /** Progress only, not in the trace. {@code task} is the phase statement; {@code phase} the one around it. */
    record PhaseStarted(long t, String run, String task, String name, String phase) implements OfTask {}

    /** {@code error}: the kind of the error that ended the phase, or null when it finished. */
    record PhaseFinished(long t, String run, String task, String name, long ms, String error, String phase)
            implements OfTask {}

    /**
     * What a successful attempt said and was told: its system prompt (null when none), prompt and reply. Not in the
     * trace; only `orch run --otel-content` asks for it, so a run nobody exports with content builds none.
     */
    record TaskText(long t, String run, String task, int attempt, String system, String prompt, String reply,
                    String phase) implements OfTask {}

    /** Progress only, not in the trace. */
    record Warning(long t, String run, String task, String message, String phase) implements OfTask {}

    /** How an error reads in one line: `kind: message`. */
    private static String text(String kind, String message) {
        if (kind == null) return null;
        return message == null ? kind : kind + ": " + message;
    }
}

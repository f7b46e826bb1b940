package dev.orch.interpreter.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished attempt of one journal entry (an agent call, an effect, ...: see {@link JournalEntry}), as journaled.
 * For an effect, {@code agent} is the builtin's name, {@code model} is empty and {@code reply} its result. {@code taskKey} is the interpreter's name for the call's
 * place in the plan (node id plus loop indexes, such as {@code main/14:7[2]}); the store treats it as opaque.
 * {@code phase} is the innermost enclosing phase, or null. A success has a {@code reply} and no error; a failure has
 * {@code errorKind} (a script name such as {@code rate_limit}) and {@code error}, and no reply.
 * {@code requestKey} (optional) is the {@link CacheKey} of the request, so a resume can tell a changed prompt.
 * {@code seq} is the journal's order, assigned by the store (0 before recording).
 */
public record CallRecord(
        long seq,
        String runId,
        String taskKey,
        String phase,
        int attempt,
        String agent,
        String model,
        String requestKey,
        String reply,
        String errorKind,
        String error,
        long tokensIn,
        long tokensOut,
        double cost,
        long ms,
        Instant startedAt,
        Instant finishedAt,
        JournalEntry entry) {

    public CallRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(taskKey, "taskKey");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(entry, "entry");
        if ((reply == null) == (errorKind == null)) {
            throw new IllegalArgumentException("a journaled call has either a reply or an error kind, not both or neither");
        }
    }

    public static CallRecord succeeded(String runId, String taskKey, String phase, int attempt, String agent, String model,
                                       String requestKey, String reply, long tokensIn, long tokensOut, double cost,
                                       long ms, Instant startedAt, Instant finishedAt) {
        return new CallRecord(0, runId, taskKey, phase, attempt, agent, model, requestKey, reply, null, null,
                tokensIn, tokensOut, cost, ms, startedAt, finishedAt, JournalEntry.agent());
    }

    public static CallRecord failed(String runId, String taskKey, String phase, int attempt, String agent, String model,
                                    String requestKey, String errorKind, String error, long tokensIn, long tokensOut,
                                    double cost, long ms, Instant startedAt, Instant finishedAt) {
        return new CallRecord(0, runId, taskKey, phase, attempt, agent, model, requestKey, null, errorKind, error,
                tokensIn, tokensOut, cost, ms, startedAt, finishedAt, JournalEntry.agent());
    }

    public boolean succeeded() {
        return reply != null;
    }

    /** The same row about {@code entry}: its kind, place, label and request. */
    public CallRecord about(JournalEntry entry) {
        return new CallRecord(seq, runId, taskKey, phase, attempt, agent, model, requestKey, reply, errorKind, error,
                tokensIn, tokensOut, cost, ms, startedAt, finishedAt, entry);
    }

    CallRecord withSeq(long seq) {
        return new CallRecord(seq, runId, taskKey, phase, attempt, agent, model, requestKey, reply, errorKind, error,
                tokensIn, tokensOut, cost, ms, startedAt, finishedAt, entry);
    }
}

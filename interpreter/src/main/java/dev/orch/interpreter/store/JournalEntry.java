package dev.orch.interpreter.store;

import java.util.Objects;

/**
 * What one journal row is about, whatever made it: an agent call, an effect of a builtin ({@code sh}, {@code write},
 * {@code append}, {@code http}), a tool call or a person's answer. Each is journaled once, with its outcome, and a
 * resume replays it instead of doing it again.
 *
 * <ul>
 *   <li>{@code kind}: {@code agent}, or the builtin's name ({@code sh}, {@code write}, ...), or {@code tool}, ...
 *   <li>{@code place}: its structural path in the plan (workflow, block indexes, branch, loop iteration, and the
 *       call's index in its statement, such as {@code main/2.b0.1#0[3]}): stable when lines move, so an edit
 *       elsewhere does not stop it from replaying. Null for rows written before places existed (the task key
 *       stands in).
 *   <li>{@code label}: what the script names it ({@code reports[3] aspect=security}), or null.
 *   <li>{@code request}: the request as JSON (prompt, system, options; a command and its arguments), for
 *       `orch show RUN TASK` and to tell a changed request; null when not recorded.
 * </ul>
 */
public record JournalEntry(String kind, String place, String label, String request) {
    public static final String AGENT = "agent";
    /** One model turn of an agent call with tools, journaled under the call (`main/3:5/t2`). */
    public static final String TURN = "turn";
    /** One tool call a model asked for (`main/3:5/t2.1`). */
    public static final String TOOL = "tool";
    /** An agent call's `.turns` and `.tool_calls`, journaled just before the call's own entry. */
    public static final String TOOL_CALLS = "tool_calls";

    public JournalEntry {
        Objects.requireNonNull(kind, "kind");
    }

    /** An agent call recorded without place or request (older stores and tests). */
    public static JournalEntry agent() {
        return new JournalEntry(AGENT, null, null, null);
    }

    public boolean isAgentCall() {
        return kind.equals(AGENT);
    }

    /** A part of an agent call (a turn, a tool call, its list of calls): shown under the call, not as a task. */
    public boolean isPartOfAgentCall() {
        return kind.equals(TURN) || kind.equals(TOOL) || kind.equals(TOOL_CALLS);
    }
}

package dev.orch.interpreter;

/**
 * One tool call as the run names it: its task key and journal place (the agent call's, then `/t2.1` for the first
 * call of the second turn), the phase and attempt it runs in, and the label of the agent call. What a declared tool
 * does inside is named below it (`main/14:5/t2.1>run_tests/3:5`), so its effects are journaled as any call's.
 */
record ToolUse(String task, String place, String phase, int attempt, String label) {
    static ToolUse of(CallSite at, String place, int turn, int index) {
        String suffix = "/t" + turn + "." + (index + 1);
        return new ToolUse(at.task() + suffix, place == null ? null : place + suffix, at.phase(), at.attempt(), at.label());
    }
}

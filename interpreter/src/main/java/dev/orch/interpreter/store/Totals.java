package dev.orch.interpreter.store;

/** What a run (or a phase of it) has spent: agent calls finished, tokens in and out, and cost in dollars. */
public record Totals(long calls, long tokensIn, long tokensOut, double cost) {
    public static final Totals NONE = new Totals(0, 0, 0, 0);

    public Totals plus(CallRecord call) {
        return new Totals(calls + 1, tokensIn + call.tokensIn(), tokensOut + call.tokensOut(), cost + call.cost());
    }

    public long tokens() {
        return tokensIn + tokensOut;
    }
}

package dev.orch.compiler.plan;

/** Calls a run makes at least and at most, and its worst-case tokens and cost (cost 0 when no price is declared). */
public record Estimate(long callsMin, long callsMax, long tokensMax, double costMax) {
    public static final Estimate ZERO = new Estimate(0, 0, 0, 0);
}

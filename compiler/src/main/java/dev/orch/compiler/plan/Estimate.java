package dev.orch.compiler.plan;

/**
 * Calls a run makes at least and at most, its worst-case tokens and cost (cost 0 when no price is declared), and
 * {@code latencyMs}: how long the longest chain of calls takes when every call succeeds at once and every loop runs
 * to its bound (each call's time is its mock model's `latency`, or {@link Estimator#REAL_CALL_MS} for a real one).
 */
public record Estimate(long callsMin, long callsMax, long tokensMax, double costMax, long latencyMs) {
    public static final Estimate ZERO = new Estimate(0, 0, 0, 0, 0);
}

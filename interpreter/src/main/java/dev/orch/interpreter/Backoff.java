package dev.orch.interpreter;

import java.util.random.RandomGenerator;

/**
 * `retry N backoff B max M jitter`: the wait before attempt k+1 is B * 2^(k-1), at most M; with jitter it is drawn
 * uniformly from [0, that] ("full jitter"), which spreads retries of many failed calls apart.
 */
final class Backoff {
    private Backoff() {}

    static long delay(long base, long max, boolean jitter, int failedAttempt, RandomGenerator random) {
        if (base <= 0) return 0;
        int shift = Math.min(failedAttempt - 1, 40);
        long d = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
        d = Math.min(d, max);
        return jitter ? random.nextLong(d + 1) : d;
    }
}

package dev.orch.interpreter;

import dev.orch.compiler.plan.BreakerSpec;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A circuit breaker: closed, it counts failures in a sliding window; at `failures` it opens, and calls fail at once
 * with `circuit_open` until `cooldown` has passed. Then it lets exactly one probe call through: its success closes
 * the breaker, its failure opens it again for another cooldown.
 */
final class Breaker {
    private enum State { CLOSED, OPEN, PROBING }

    private final BreakerSpec spec;
    private final Deque<Long> failures = new ArrayDeque<>();
    private State state = State.CLOSED;
    private long openedAt;

    Breaker(BreakerSpec spec) {
        this.spec = spec;
    }

    String name() {
        return spec.name();
    }

    /** Null when the call may go ahead; else the reason it may not. */
    synchronized String admit(long nowMs) {
        switch (state) {
            case CLOSED -> {
                return null;
            }
            case OPEN -> {
                if (nowMs - openedAt >= spec.cooldownMs()) {
                    state = State.PROBING;
                    return null;
                }
                return "the breaker '" + spec.name() + "' is open after " + spec.failures() + " failures; it lets a probe call through "
                        + Math.max(0, spec.cooldownMs() - (nowMs - openedAt)) + "ms from now";
            }
            default -> {
                return "the breaker '" + spec.name() + "' is letting one probe call through; other calls wait for its outcome";
            }
        }
    }

    synchronized void succeeded() {
        if (state == State.PROBING) {
            state = State.CLOSED;
            failures.clear();
        }
    }

    /** A probe that was cancelled decides nothing: the next call probes again. */
    synchronized void abandoned() {
        if (state == State.PROBING) state = State.OPEN;
    }

    /** Records a failure; true when it opened the breaker. */
    synchronized boolean failed(long nowMs) {
        if (state == State.PROBING) {
            state = State.OPEN;
            openedAt = nowMs;
            return true;
        }
        if (state == State.OPEN) return false;
        failures.addLast(nowMs);
        while (!failures.isEmpty() && nowMs - failures.peekFirst() > spec.windowMs()) failures.removeFirst();
        if (failures.size() >= spec.failures()) {
            state = State.OPEN;
            openedAt = nowMs;
            failures.clear();
            return true;
        }
        return false;
    }
}

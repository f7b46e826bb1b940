package dev.orch.stdlib.provider.limit;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.BreakerSpec;
import dev.orch.stdlib.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * `breaker NAME { failures: N, window: DUR, cooldown: DUR }`. Closed: calls pass and failures are counted; N failures
 * within the window open it. Open: calls fail at once with `circuit_open` until the cooldown has passed. Then the
 * first call is the probe (half-open) and every other call still fails at once; the probe's success closes the
 * breaker, its failure opens it for another cooldown. A result from a call that started before the last change of
 * state is ignored, so a slow call cannot close a breaker that opened meanwhile.
 *
 * <p>Use: {@code var permit = breaker.acquire();} then exactly one of {@code permit.success()},
 * {@code permit.failure(kind)} or {@code permit.abandon()} (the call was cancelled and proved nothing).
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final String name;
    private final int threshold;
    private final long windowNanos;
    private final long cooldownNanos;
    private final TimeSource time;
    private final Consumer<State> onChange;
    private final ArrayDeque<Long> failures = new ArrayDeque<>();
    private State state = State.CLOSED;
    private long openedAt;
    private long generation;
    private boolean probing;

    public CircuitBreaker(String name, int failures, Duration window, Duration cooldown, TimeSource time,
            Consumer<State> onChange) {
        if (failures <= 0) throw new IllegalArgumentException("failures must be positive: " + failures);
        this.name = name;
        this.threshold = failures;
        this.windowNanos = window.toNanos();
        this.cooldownNanos = cooldown.toNanos();
        this.time = time;
        this.onChange = onChange;
    }

    /** {@code onChange} is told of every transition (for the `breaker_open` trace event); it runs under the lock. */
    public static CircuitBreaker of(BreakerSpec spec, TimeSource time, Consumer<State> onChange) {
        return new CircuitBreaker(spec.name(), spec.failures(), Duration.ofMillis(spec.windowMs()),
                Duration.ofMillis(spec.cooldownMs()), time, onChange);
    }

    public static CircuitBreaker of(BreakerSpec spec) {
        return of(spec, TimeSource.SYSTEM, state -> { });
    }

    public String name() {
        return name;
    }

    public synchronized State state() {
        return state;
    }

    /** A permit to call, or {@code circuit_open} (with the time left in the cooldown as its retry-after). */
    public synchronized Permit acquire() throws ProviderException {
        long now = time.nanoTime();
        if (state == State.OPEN && now - openedAt >= cooldownNanos) moveTo(State.HALF_OPEN);
        return switch (state) {
            case CLOSED -> new Permit(generation, false);
            case HALF_OPEN -> {
                if (probing) throw rejected("a probe call is deciding whether it closes", null);
                probing = true;
                yield new Permit(generation, true);
            }
            case OPEN -> {
                Duration left = Duration.ofNanos(cooldownNanos - (now - openedAt));
                throw rejected("it opens after " + threshold + " failure" + (threshold == 1 ? "" : "s") + " within "
                        + human(windowNanos) + "; one probe call is let through in " + human(left.toNanos()), left);
            }
        };
    }

    /** Whether a failure of this kind says anything about the service behind the breaker. */
    public static boolean counts(ErrorKind kind) {
        return kind != ErrorKind.CANCELLED && kind != ErrorKind.BUDGET && kind != ErrorKind.CIRCUIT_OPEN;
    }

    private synchronized void succeeded(Permit permit) {
        if (permit.generation != generation) return;
        if (permit.probe) {
            failures.clear();
            moveTo(State.CLOSED);
        }
    }

    /** True when this failure opened the breaker. */
    private synchronized boolean failed(Permit permit, ErrorKind kind) {
        if (!counts(kind)) {
            abandoned(permit);
            return false;
        }
        if (permit.generation != generation) return false;
        long now = time.nanoTime();
        if (permit.probe) {
            openedAt = now;
            moveTo(State.OPEN);
            return true;
        }
        failures.addLast(now);
        while (!failures.isEmpty() && now - failures.peekFirst() >= windowNanos) failures.removeFirst();
        if (failures.size() >= threshold) {
            failures.clear();
            openedAt = now;
            moveTo(State.OPEN);
            return true;
        }
        return false;
    }

    private synchronized void abandoned(Permit permit) {
        if (permit.probe && permit.generation == generation) probing = false;
    }

    private void moveTo(State next) {
        state = next;
        probing = false;
        generation++;
        onChange.accept(next);
    }

    private ProviderException rejected(String why, Duration retryAfter) {
        return new ProviderException(ErrorKind.CIRCUIT_OPEN, "breaker '" + name + "' is open: " + why, retryAfter, null);
    }

    private static String human(long nanos) {
        long ms = Math.max(0, (nanos + 999_999) / 1_000_000);
        if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0 || ms >= 10_000) return (ms + 999) / 1000 + "s";
        return ms + "ms";
    }

    /** One call's right to pass; report its outcome exactly once. */
    public final class Permit {
        private final long generation;
        private final boolean probe;
        private boolean done;

        private Permit(long generation, boolean probe) {
            this.generation = generation;
            this.probe = probe;
        }

        public boolean probe() {
            return probe;
        }

        public void success() {
            if (finish()) succeeded(this);
        }

        /** True when this failure opened the breaker (the caller reports `breaker_open` with its task). */
        public boolean failure(ErrorKind kind) {
            return finish() && failed(this, kind);
        }

        public void abandon() {
            if (finish()) abandoned(this);
        }

        private synchronized boolean finish() {
            if (done) return false;
            done = true;
            return true;
        }
    }
}

package dev.orch.interpreter.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How a store is opened. The defaults serve the CLI; tests inject a fixed clock, a seeded random (run ids) and the
 * process identity, so listings are deterministic. {@code busyTimeout}: how long a write waits for another process
 * holding the database before it gives up with a "locked" error.
 */
public record StoreOptions(Clock clock, Duration busyTimeout, RandomGenerator random, ProcessOwner owner,
                           ProcessOwner.Liveness liveness) {

    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    public static StoreOptions defaults() {
        return new StoreOptions(Clock.systemUTC(), DEFAULT_BUSY_TIMEOUT, new SecureRandom(), ProcessOwner.current(),
                ProcessOwner.Liveness.SYSTEM);
    }

    public StoreOptions withClock(Clock c) {
        return new StoreOptions(c, busyTimeout, random, owner, liveness);
    }

    public StoreOptions withBusyTimeout(Duration d) {
        return new StoreOptions(clock, d, random, owner, liveness);
    }

    public StoreOptions withRandom(RandomGenerator r) {
        return new StoreOptions(clock, busyTimeout, r, owner, liveness);
    }

    public StoreOptions withOwner(ProcessOwner o, ProcessOwner.Liveness l) {
        return new StoreOptions(clock, busyTimeout, random, o, l);
    }
}

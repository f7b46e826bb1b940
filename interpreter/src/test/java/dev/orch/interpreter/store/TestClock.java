package dev.orch.interpreter.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, so stored times and rendered durations are exact. */
public final class TestClock extends Clock {
    private volatile Instant now;

    public TestClock(String instant) {
        this.now = Instant.parse(instant);
    }

    public TestClock advance(Duration d) {
        now = now.plus(d);
        return this;
    }

    public TestClock set(String instant) {
        now = Instant.parse(instant);
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

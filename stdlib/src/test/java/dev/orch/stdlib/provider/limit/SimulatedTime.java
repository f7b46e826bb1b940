package dev.orch.stdlib.provider.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Simulated time for tests with many threads: it moves only when every registered thread is asleep in it, and then
 * jumps to the earliest deadline. So no thread is ever caught between "admitted" and "sent" when the clock moves,
 * and minutes of rate limiting take milliseconds.
 */
public final class SimulatedTime implements TimeSource {
    private long now = 1_000_000_000_000L;
    private final List<Long> deadlines = new ArrayList<>();
    private int parties;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepUntil(long deadline) throws InterruptedException {
        if (deadline - now <= 0) return;
        Long mine = deadline;
        deadlines.add(mine);
        notifyAll();
        try {
            while (deadline - now > 0) wait();
        } finally {
            deadlines.remove(mine);
        }
    }

    public synchronized void advance(Duration by) {
        now += by.toNanos();
        notifyAll();
    }

    public synchronized void join() {
        parties++;
    }

    public synchronized void leave() {
        parties--;
        notifyAll();
    }

    /**
     * Waits (in real time, at most {@code realTimeout}) until every party sleeps, then jumps to the earliest
     * deadline. Returns false when no party is left.
     */
    public synchronized boolean advanceWhenAllAsleep(Duration realTimeout) throws InterruptedException {
        long end = System.nanoTime() + realTimeout.toNanos();
        while (parties > 0 && asleep() < parties) {
            long left = end - System.nanoTime();
            if (left <= 0) throw new AssertionError("threads neither slept nor finished within " + realTimeout);
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (parties == 0) return false;
        long earliest = Long.MAX_VALUE;
        for (long d : deadlines) if (d - now > 0 && d < earliest) earliest = d;
        now = earliest;
        notifyAll();
        return true;
    }

    private int asleep() {
        int n = 0;
        for (long d : deadlines) if (d - now > 0) n++;
        return n;
    }
}

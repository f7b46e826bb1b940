package dev.orch.stdlib.provider.limit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * At most {@code limit} units (requests, or tokens) in any rolling window: the guarantee `rpm` and `tpm` promise,
 * and the one providers enforce. A token bucket or a fixed window would let up to twice the limit through across a
 * refill or a window edge, and that is exactly when a provider answers 429. A unit count may be corrected after
 * the call ({@link Permit#settle}) because tokens are only known once the reply arrives.
 */
public final class RateWindow {
    private final long limit;
    private final long windowNanos;
    private final TimeSource time;
    private final ArrayDeque<Permit> admitted = new ArrayDeque<>();
    private long used;

    public RateWindow(long limit, Duration window, TimeSource time) {
        if (limit <= 0) throw new IllegalArgumentException("limit must be positive: " + limit);
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.time = time;
    }

    public static RateWindow perMinute(long limit, TimeSource time) {
        return new RateWindow(limit, Duration.ofMinutes(1), time);
    }

    /**
     * Blocks until {@code units} fit in the window, then records them at the current time. More units than the
     * whole limit are clamped to it, so one large request waits for an empty window instead of forever.
     */
    public Permit acquire(long units) throws InterruptedException {
        long wanted = Math.max(0, Math.min(units, limit));
        while (true) {
            long wakeAt;
            synchronized (this) {
                long now = time.nanoTime();
                evict(now);
                if (used + wanted <= limit) {
                    Permit permit = new Permit(now, wanted);
                    admitted.addLast(permit);
                    used += wanted;
                    return permit;
                }
                wakeAt = whenFits(wanted);
            }
            time.sleepUntil(wakeAt);
        }
    }

    public synchronized long used() {
        evict(time.nanoTime());
        return used;
    }

    private void evict(long now) {
        while (!admitted.isEmpty() && now - admitted.peekFirst().at >= windowNanos) {
            Permit gone = admitted.removeFirst();
            gone.live = false;
            used -= gone.units;
        }
    }

    /** The time at which enough of the oldest entries will have left the window. */
    private long whenFits(long wanted) {
        long stillUsed = used;
        Iterator<Permit> oldestFirst = admitted.iterator();
        while (oldestFirst.hasNext()) {
            Permit p = oldestFirst.next();
            stillUsed -= p.units;
            if (stillUsed + wanted <= limit) return p.at + windowNanos;
        }
        return time.nanoTime();
    }

    /** Units admitted at one moment; {@link #settle} replaces the estimate with what was really used. */
    public final class Permit {
        private final long at;
        private long units;
        private boolean live = true;

        private Permit(long at, long units) {
            this.at = at;
            this.units = units;
        }

        public void settle(long actualUnits) {
            synchronized (RateWindow.this) {
                long actual = Math.max(0, actualUnits);
                if (live) used += actual - units;
                units = actual;
            }
        }
    }
}

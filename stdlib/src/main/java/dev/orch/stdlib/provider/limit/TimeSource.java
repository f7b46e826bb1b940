package dev.orch.stdlib.provider.limit;

import java.util.concurrent.TimeUnit;

/** Monotonic time and sleeping, behind one seam so limits and breakers run on simulated time in tests. */
public interface TimeSource {
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadlineNanos) throws InterruptedException {
            long remaining;
            while ((remaining = deadlineNanos - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(remaining);
        }
    };

    long nanoTime();

    /** Returns at once when the deadline has passed; interruptible. */
    void sleepUntil(long deadlineNanos) throws InterruptedException;
}

package dev.orch.bench;

/** One run of a contender; returns what it measured (usually its wall time in milliseconds). */
@FunctionalInterface
interface Trial {
    double run() throws Exception;

    /** The wall time of {@code work} in milliseconds. */
    static Trial timed(Work work) {
        return () -> {
            long start = System.nanoTime();
            work.run();
            return (System.nanoTime() - start) / 1e6;
        };
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}

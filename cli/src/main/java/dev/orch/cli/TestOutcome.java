package dev.orch.cli;

import java.util.List;

/**
 * How one test ended. {@code failure}: what to show under a failing test (the expectation with its values, or the
 * run's error, then where), empty when it passed; {@code output}: what its `print` statements wrote.
 */
record TestOutcome(String file, String name, boolean passed, long ms, List<String> failure, List<String> output) {
    /** `PASS examples/review.orch  approves after two rounds  (12ms)`. */
    String line() {
        return (passed ? "PASS " : "FAIL ") + file + "  " + name + "  (" + ms + "ms)";
    }
}

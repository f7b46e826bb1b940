package dev.orch.interpreter.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;

/**
 * Run ids such as {@code 20261125-0853-ab12}: the start minute in UTC, then four random hex digits. They sort by
 * start time, read well in a terminal and are short enough to type (and a unique prefix is enough).
 */
final class RunIds {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    private RunIds() {}

    static String next(Instant start, RandomGenerator random) {
        return MINUTE.format(start) + "-" + String.format("%04x", random.nextInt(0x10000));
    }
}

package dev.orch.bench;

import java.util.Arrays;

/** The repeated measurements of one contender (milliseconds, or whatever unit the benchmark reports). */
final class Samples {
    private final String name;
    private double[] values = new double[0];

    Samples(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void add(double value) {
        values = Arrays.copyOf(values, values.length + 1);
        values[values.length - 1] = value;
    }

    int count() {
        return values.length;
    }

    double median() {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double best() {
        return Arrays.stream(values).min().orElseThrow();
    }

    double worst() {
        return Arrays.stream(values).max().orElseThrow();
    }
}

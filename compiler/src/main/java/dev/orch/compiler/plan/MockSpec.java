package dev.orch.compiler.plan;

import java.util.List;

/** The options of `mock(...)`; rules keep the order they were written in, since the first match wins. */
public record MockSpec(List<Rule> rules, Long latencyMs, Integer failFirst, String fail, Double failRate, Long seed) {
    public record Rule(String pattern, String reply) {}
}

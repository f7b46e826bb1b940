package dev.orch.interpreter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What `calls(agent)` reads in a test: how many of an agent's calls reached its model, counted where the run reports
 * task_started. Each attempt counts; a call that an open breaker or the budget refused never started, so it does not
 * (which is how a test tells that the breaker stopped the calls after it opened). Counted directly rather than as a
 * listener, so a run nobody watches builds no task_started events for it.
 */
final class AgentCallCount {
    private final Map<String, LongAdder> started = new ConcurrentHashMap<>();

    void started(String agent) {
        if (agent != null) started.computeIfAbsent(agent, k -> new LongAdder()).increment();
    }

    long of(String agent) {
        LongAdder n = started.get(agent);
        return n == null ? 0 : n.sum();
    }
}

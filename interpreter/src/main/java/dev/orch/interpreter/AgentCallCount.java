package dev.orch.interpreter;

import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What `calls(agent)` reads in a test: how many of an agent's calls reached its model, counted from the run's
 * task_started events. Each attempt counts; a call that an open breaker or the budget refused never started, so it
 * does not (which is how a test tells that the breaker stopped the calls after it opened).
 */
final class AgentCallCount implements RunListener {
    private final Map<String, LongAdder> started = new ConcurrentHashMap<>();

    @Override
    public void event(RunEvent e) {
        if (e instanceof RunEvent.TaskStarted s && s.agent() != null) started.computeIfAbsent(s.agent(), k -> new LongAdder()).increment();
    }

    @Override
    public boolean wants(Class<? extends RunEvent> kind) {
        return kind == RunEvent.TaskStarted.class;
    }

    long of(String agent) {
        LongAdder n = started.get(agent);
        return n == null ? 0 : n.sum();
    }
}

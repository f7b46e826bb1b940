package dev.orch.interpreter;

import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.CompletionRequest;

/**
 * Builds a run's events, stamped with the run id and the time since the run started, and hands them to the
 * listener. One method per kind; each builds its event only when a listener wants that kind (asked once, here), so
 * an unwatched run allocates nothing for events on its hot path.
 */
final class Events {
    private final RunListener listener;
    private final String run;
    private final RunClock clock;
    private final long startNanos;
    private final boolean runStarts;
    private final boolean runEnds;
    private final boolean started;
    private final boolean finished;
    private final boolean failed;
    private final boolean retries;
    private final boolean replayed;
    private final boolean cached;
    private final boolean breakers;
    private final boolean budget;
    private final boolean phaseStarts;
    private final boolean phaseEnds;
    private final boolean warnings;
    private final boolean tools;
    private final boolean texts;
    private final AgentCallCount calls;

    Events(RunListener listener, String run, RunClock clock, AgentCallCount calls) {
        this.listener = listener;
        this.calls = calls;
        this.run = run;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.runStarts = listener.wants(RunEvent.RunStarted.class);
        this.runEnds = listener.wants(RunEvent.RunFinished.class);
        this.started = listener.wants(RunEvent.TaskStarted.class);
        this.finished = listener.wants(RunEvent.TaskFinished.class);
        this.failed = listener.wants(RunEvent.TaskFailed.class);
        this.retries = listener.wants(RunEvent.TaskRetry.class);
        this.replayed = listener.wants(RunEvent.TaskReplayed.class);
        this.cached = listener.wants(RunEvent.TaskCached.class);
        this.breakers = listener.wants(RunEvent.BreakerOpen.class);
        this.budget = listener.wants(RunEvent.BudgetExceeded.class);
        this.phaseStarts = listener.wants(RunEvent.PhaseStarted.class);
        this.phaseEnds = listener.wants(RunEvent.PhaseFinished.class);
        this.warnings = listener.wants(RunEvent.Warning.class);
        this.texts = listener.wants(RunEvent.TaskText.class);
        this.tools = listener.wants(RunEvent.ToolStarted.class) || listener.wants(RunEvent.ToolFinished.class)
                || listener.wants(RunEvent.ToolFailed.class);
    }

    long now() {
        return clock.millisSince(startNanos);
    }

    String run() {
        return run;
    }

    /** Where a call's reply goes as it streams in: to progress on a terminal, else nowhere (and the call does not stream). */
    CompletionRequest.TokenListener tokens(String task) {
        return listener.wantsTokens() ? text -> listener.streamed(task, text) : CompletionRequest.TokenListener.NONE;
    }

    void runStarted(String workflow) {
        if (runStarts) listener.event(new RunEvent.RunStarted(now(), run, workflow));
    }

    void runFinished(long ms, long tokensIn, long tokensOut, double cost, long calls, String error, String message) {
        if (runEnds) listener.event(new RunEvent.RunFinished(ms, run, ms, tokensIn, tokensOut, cost, calls, error, message));
    }

    void taskStarted(String task, String agent, String model, int attempt, String phase, String label) {
        calls.started(agent);
        if (started) listener.event(new RunEvent.TaskStarted(now(), run, task, agent, model, attempt, phase, label));
    }

    void taskFinished(String task, String agent, String model, int attempt, long ms, long tokensIn, long tokensOut,
                      double cost, String phase) {
        if (finished) {
            listener.event(new RunEvent.TaskFinished(now(), run, task, agent, model, attempt, ms, tokensIn, tokensOut, cost, phase));
        }
    }

    void taskText(String task, int attempt, String system, String prompt, String reply, String phase) {
        if (texts) listener.event(new RunEvent.TaskText(now(), run, task, attempt, system, prompt, reply, phase));
    }

    void taskFailed(String task, String agent, String model, int attempt, long ms, String error, String message, String phase) {
        if (failed) listener.event(new RunEvent.TaskFailed(now(), run, task, agent, model, attempt, ms, error, message, phase));
    }

    void taskRetry(String task, int attempt, long delayMs, String error, String message, String phase) {
        if (retries) listener.event(new RunEvent.TaskRetry(now(), run, task, attempt, delayMs, error, message, phase));
    }

    void taskReplayed(String task, String agent, String model, int attempt, long ms, long tokensIn, long tokensOut, String phase) {
        if (replayed) {
            listener.event(new RunEvent.TaskReplayed(now(), run, task, agent, model, attempt, ms, tokensIn, tokensOut, phase));
        }
    }

    void taskCached(String task, String agent, String model, int attempt, long tokensIn, long tokensOut, String phase) {
        if (cached) listener.event(new RunEvent.TaskCached(now(), run, task, agent, model, attempt, tokensIn, tokensOut, phase));
    }

    /** The trace events of an agent call's tool calls, or none when nobody listens. */
    ToolLoop.ToolListener tools(String task, String phase) {
        if (!tools) return ToolLoop.ToolListener.NONE;
        return new ToolLoop.ToolListener() {
            @Override
            public void started(String tool, int turn) {
                listener.event(new RunEvent.ToolStarted(now(), run, task, tool, turn, phase));
            }

            @Override
            public void finished(String tool, int turn, long ms, boolean ok, String error) {
                listener.event(ok ? new RunEvent.ToolFinished(now(), run, task, tool, turn, ms, phase)
                        : new RunEvent.ToolFailed(now(), run, task, tool, turn, ms, error, phase));
            }
        };
    }

    void breakerOpen(String task, String agent, String model, int attempt, String breaker, String phase) {
        if (breakers) listener.event(new RunEvent.BreakerOpen(now(), run, task, agent, model, attempt, breaker, phase));
    }

    void budgetExceeded(String task, String agent, String model, int attempt, String message, String phase) {
        if (budget) listener.event(new RunEvent.BudgetExceeded(now(), run, task, agent, model, attempt, message, phase));
    }

    void phaseStarted(String task, String name, String phase) {
        if (phaseStarts) listener.event(new RunEvent.PhaseStarted(now(), run, task, name, phase));
    }

    void phaseFinished(String task, String name, long ms, String error, String phase) {
        if (phaseEnds) listener.event(new RunEvent.PhaseFinished(now(), run, task, name, ms, error, phase));
    }

    void warning(String task, String message, String phase) {
        if (warnings) listener.event(new RunEvent.Warning(now(), run, task, message, phase));
    }
}

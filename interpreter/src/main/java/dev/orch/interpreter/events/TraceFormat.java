package dev.orch.interpreter.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.interpreter.events.RunEvent.BreakerOpen;
import dev.orch.interpreter.events.RunEvent.BudgetExceeded;
import dev.orch.interpreter.events.RunEvent.PhaseFinished;
import dev.orch.interpreter.events.RunEvent.PhaseStarted;
import dev.orch.interpreter.events.RunEvent.RunFinished;
import dev.orch.interpreter.events.RunEvent.RunStarted;
import dev.orch.interpreter.events.RunEvent.TaskCached;
import dev.orch.interpreter.events.RunEvent.TaskFailed;
import dev.orch.interpreter.events.RunEvent.TaskFinished;
import dev.orch.interpreter.events.RunEvent.TaskReplayed;
import dev.orch.interpreter.events.RunEvent.TaskRetry;
import dev.orch.interpreter.events.RunEvent.TaskStarted;
import dev.orch.interpreter.events.RunEvent.Warning;

/**
 * The `--trace` line of an event: keys event, t (ms since the run started), run, and where they apply task, agent,
 * model, attempt, ms, tokens_in, tokens_out, cost (dollars), calls (run_finished), error and breaker (breaker_open),
 * in that order; a tool call's lines (tool_started, tool_finished, tool_failed) have task, tool, turn, ms and error. Phases and warnings are progress only: they have no line.
 */
public final class TraceFormat {
    private TraceFormat() {}

    /** The event's trace line, or null for an event the trace does not carry. */
    public static ObjectNode json(RunEvent e) {
        return switch (e) {
            case RunStarted s -> line("run_started", e);
            case TaskStarted s -> {
                ObjectNode o = call(line("task_started", e), s.task(), s.agent(), s.model(), s.attempt());
                yield s.label() == null ? o : o.put("label", s.label());
            }
            case TaskRetry r -> {
                ObjectNode o = line("task_retry", e).put("task", r.task()).put("attempt", r.attempt()).put("ms", r.delayMs());
                yield o.put("error", r.errorText());
            }
            case TaskFinished f -> call(line("task_finished", e), f.task(), f.agent(), f.model(), f.attempt())
                    .put("ms", f.ms()).put("tokens_in", f.tokensIn()).put("tokens_out", f.tokensOut()).put("cost", f.cost());
            case TaskFailed f -> call(line("task_failed", e), f.task(), f.agent(), f.model(), f.attempt())
                    .put("ms", f.ms()).put("error", f.errorText());
            case TaskReplayed r -> call(line("task_replayed", e), r.task(), r.agent(), r.model(), r.attempt())
                    .put("ms", r.ms()).put("tokens_in", r.tokensIn()).put("tokens_out", r.tokensOut());
            case TaskCached c -> call(line("task_cached", e), c.task(), c.agent(), c.model(), c.attempt())
                    .put("ms", 0).put("tokens_in", c.tokensIn()).put("tokens_out", c.tokensOut());
            case BreakerOpen b -> call(line("breaker_open", e), b.task(), b.agent(), b.model(), b.attempt())
                    .put("breaker", b.breaker());
            case BudgetExceeded b -> call(line("budget_exceeded", e), b.task(), b.agent(), b.model(), b.attempt())
                    .put("error", b.message());
            case RunFinished f -> {
                ObjectNode o = line("run_finished", e).put("ms", f.ms()).put("tokens_in", f.tokensIn())
                        .put("tokens_out", f.tokensOut()).put("cost", f.cost()).put("calls", f.calls());
                yield f.failed() ? o.put("error", f.errorText()) : o;
            }
            case RunEvent.ToolStarted s -> line("tool_started", e).put("task", s.task()).put("tool", s.tool()).put("turn", s.turn());
            case RunEvent.ToolFinished f -> line("tool_finished", e).put("task", f.task()).put("tool", f.tool()).put("turn", f.turn())
                    .put("ms", f.ms());
            case RunEvent.ToolFailed f -> line("tool_failed", e).put("task", f.task()).put("tool", f.tool()).put("turn", f.turn())
                    .put("ms", f.ms()).put("error", f.error());
            case PhaseStarted p -> null;
            case PhaseFinished p -> null;
            case Warning w -> null;
            case RunEvent.TaskText x -> null;
        };
    }

    private static ObjectNode line(String event, RunEvent e) {
        return JsonNodeFactory.instance.objectNode().put("event", event).put("t", e.t()).put("run", e.run());
    }

    private static ObjectNode call(ObjectNode o, String task, String agent, String model, int attempt) {
        o.put("task", task);
        if (agent != null) o.put("agent", agent);
        if (model != null) o.put("model", model);
        return o.put("attempt", attempt);
    }
}

package dev.orch.cli.render;

import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.limit.Dollars;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Progress on stderr, one line per event: for logs, pipes and `--plain`. Task starts are left out when many calls
 * run (they would drown the rest); failures, retries, phases and warnings always show.
 */
public final class Progress implements RunListener {
    private final PrintWriter err;
    private final UnaryOperator<String> taskName;
    // What the script names each task, from its start: later lines about the task name it too.
    private final Map<String, String> labels = new ConcurrentHashMap<>();

    public Progress(PrintWriter err) {
        this(err, UnaryOperator.identity());
    }

    /** {@code taskName}: how a task id reads here (the REPL names tasks by their line in the entry). */
    public Progress(PrintWriter err, UnaryOperator<String> taskName) {
        this.err = err;
        this.taskName = task -> {
            String label = labels.get(task);
            return label == null ? taskName.apply(task) : taskName.apply(task) + " \"" + label + "\"";
        };
    }

    /** What calls said is for `--otel-content`, not for progress. */
    @Override
    public boolean wants(Class<? extends RunEvent> kind) {
        return kind != RunEvent.TaskText.class;
    }

    @Override
    public void event(RunEvent e) {
        if (e instanceof RunEvent.TaskStarted s && s.label() != null) labels.put(s.task(), s.label());
        String line = line(e, taskName);
        if (line == null) return;
        synchronized (err) {
            err.printf(Locale.ROOT, "[%6.2fs] %s%n", e.t() / 1000.0, line);
        }
    }

    static String line(RunEvent e, UnaryOperator<String> taskName) {
        return switch (e) {
            case RunEvent.RunStarted s -> "run " + s.run() + " started";
            case RunEvent.PhaseStarted p -> "phase \"" + p.name() + "\" started";
            case RunEvent.PhaseFinished p -> "phase \"" + p.name() + "\" " + (p.error() == null ? "done"
                    : p.error().equals("cancelled") || p.error().equals("waiting") ? p.error() : "failed") + " in "
                    + seconds(p.ms());
            case RunEvent.TaskStarted s -> "start " + taskName.apply(s.task()) + " " + s.agent() + " (" + s.model() + ")" + attempt(s.attempt());
            case RunEvent.TaskFinished f -> "done  " + taskName.apply(f.task()) + " " + f.agent() + " in " + seconds(f.ms()) + ", "
                    + f.tokensIn() + " tokens in, " + f.tokensOut() + " out" + attempt(f.attempt());
            case RunEvent.TaskFailed f -> "fail  " + taskName.apply(f.task()) + " " + f.agent() + ": " + f.errorText() + attempt(f.attempt());
            case RunEvent.TaskReplayed r -> "replayed " + taskName.apply(r.task()) + " " + r.agent() + " from the journal, " + r.tokensIn()
                    + " tokens in, " + r.tokensOut() + " out";
            case RunEvent.TaskCached c -> "cached " + taskName.apply(c.task()) + " " + c.agent() + " from the reply cache, " + c.tokensIn()
                    + " tokens in, " + c.tokensOut() + " out";
            case RunEvent.TaskRetry r -> "retry " + taskName.apply(r.task()) + ": attempt " + r.attempt() + " in " + seconds(r.delayMs())
                    + " after " + r.errorText();
            case RunEvent.BreakerOpen b -> "breaker " + b.breaker() + " opened after " + taskName.apply(b.task()) + " failed";
            case RunEvent.BudgetExceeded b -> "budget exceeded at " + taskName.apply(b.task()) + ": " + b.message();
            case RunEvent.Warning w -> "warning: " + w.message();
            case RunEvent.TaskText x -> null;
            case RunEvent.ToolStarted s -> "tool  " + taskName.apply(s.task()) + " " + s.tool() + " (turn " + s.turn() + ")";
            case RunEvent.ToolFinished f -> "tool  " + taskName.apply(f.task()) + " " + f.tool() + " done in " + seconds(f.ms());
            case RunEvent.ToolFailed f -> "tool  " + taskName.apply(f.task()) + " " + f.tool() + " failed: " + f.error();
            case RunEvent.RunFinished f -> "run " + ("waiting".equals(f.error()) ? "waits for an answer after"
                    : f.failed() ? "failed in" : "finished in") + " " + seconds(f.ms()) + ": "
                    + totals(f);
        };
    }

    /** The run's spending: "3 calls, 120 tokens in, 340 out, $0.0012" (no cost when nothing was priced). */
    static String totals(RunEvent.RunFinished e) {
        String cost = e.cost() == 0 ? "" : ", " + Dollars.show(e.cost());
        return e.calls() + (e.calls() == 1 ? " call, " : " calls, ") + e.tokensIn() + " tokens in, " + e.tokensOut() + " out" + cost;
    }

    private static String attempt(int attempt) {
        return attempt > 1 ? " (attempt " + attempt + ")" : "";
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.2fs", ms / 1000.0);
    }
}

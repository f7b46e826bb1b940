package dev.orch.interpreter.events;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on stderr, one line per event: for logs, pipes and `--plain`. Task starts are left out when many calls
 * run (they would drown the rest); failures, retries, phases and warnings always show.
 */
public final class Progress implements RunListener {
    private final PrintStream err;

    public Progress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void event(RunEvent e) {
        String line = line(e);
        if (line == null) return;
        synchronized (err) {
            err.printf(Locale.ROOT, "[%6.2fs] %s%n", e.t() / 1000.0, line);
        }
    }

    static String line(RunEvent e) {
        return switch (e.type()) {
            case RUN_STARTED -> "run " + e.run() + " started";
            case PHASE_STARTED -> "phase \"" + e.message() + "\" started";
            case PHASE_FINISHED -> "phase \"" + e.message() + "\" " + (e.error() == null ? "done" : "failed") + " in " + seconds(e.ms());
            case TASK_STARTED -> "start " + e.task() + " " + e.agent() + " (" + e.model() + ")" + attempt(e);
            case TASK_FINISHED -> "done  " + e.task() + " " + e.agent() + " in " + seconds(e.ms()) + ", "
                    + e.tokensIn() + " tokens in, " + e.tokensOut() + " out" + attempt(e);
            case TASK_FAILED -> "fail  " + e.task() + " " + e.agent() + ": " + e.error() + attempt(e);
            case TASK_REPLAYED -> "replayed " + e.task() + " " + e.agent() + " from the journal, " + e.tokensIn() + " tokens in, "
                    + e.tokensOut() + " out";
            case TASK_CACHED -> "cached " + e.task() + " " + e.agent() + " from the reply cache, " + e.tokensIn() + " tokens in, "
                    + e.tokensOut() + " out";
            case TASK_RETRY -> "retry " + e.task() + ": attempt " + e.attempt() + " in " + seconds(e.ms()) + " after " + e.error();
            case BREAKER_OPEN -> "breaker " + e.message() + " opened after " + e.task() + " failed";
            case BUDGET_EXCEEDED -> "budget exceeded at " + e.task() + ": " + e.error();
            case WARNING -> "warning: " + e.message();
            case RUN_FINISHED -> "run " + (e.error() == null ? "finished" : "failed") + " in " + seconds(e.ms()) + ": "
                    + totals(e);
        };
    }

    /** The run's spending: "3 calls, 120 tokens in, 340 out, $0.0012" (no cost when nothing was priced). */
    static String totals(RunEvent e) {
        long calls = e.calls() == null ? 0 : e.calls();
        String cost = e.cost() == null || e.cost() == 0 ? "" : String.format(Locale.ROOT, ", $%.4f", e.cost());
        return calls + (calls == 1 ? " call, " : " calls, ") + e.tokensIn() + " tokens in, " + e.tokensOut() + " out" + cost;
    }

    private static String attempt(RunEvent e) {
        return e.attempt() != null && e.attempt() > 1 ? " (attempt " + e.attempt() + ")" : "";
    }

    static String seconds(Long ms) {
        return ms == null ? "?" : String.format(Locale.ROOT, "%.2fs", ms / 1000.0);
    }
}

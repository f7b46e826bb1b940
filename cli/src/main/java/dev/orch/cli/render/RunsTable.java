package dev.orch.cli.render;

import dev.orch.interpreter.store.Question;
import dev.orch.interpreter.store.RunRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** `orch runs`: one line per run, newest first, with what each run spent. */
public final class RunsTable {
    static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private RunsTable() {}

    /**
     * {@code now} measures runs still going; {@code zone} shows start times in the user's zone; scripts under
     * {@code base} (the current folder) are shown relative to it.
     */
    public static String render(List<RunRecord> runs, Instant now, ZoneId zone, Path base) {
        TextTable table = new TextTable(false, false, false, true, true, true, true, false);
        table.row("ID", "STATUS", "STARTED", "DURATION", "CALLS", "TOKENS", "COST", "SCRIPT");
        for (RunRecord run : runs) {
            table.row(run.id(), run.status().label(), STARTED.withZone(zone).format(run.startedAt()),
                    Units.duration(run.duration(now)), Long.toString(run.totals().calls()),
                    Units.tokens(run.totals().tokens()), Units.cost(run.totals().cost()), script(run.script(), base));
        }
        StringBuilder out = new StringBuilder();
        table.appendTo(out);
        return out.toString();
    }

    /**
     * As above, and under the table the questions of the runs that wait ({@code questions} by run id), each with
     * how to answer it.
     */
    public static String render(List<RunRecord> runs, Map<String, List<Question>> questions, Instant now, ZoneId zone, Path base) {
        StringBuilder out = new StringBuilder(render(runs, now, zone, base));
        for (RunRecord run : runs) out.append(waiting(run.id(), questions.getOrDefault(run.id(), List.of()), zone));
        return out.toString();
    }

    /** The questions a run waits on, each with the command that answers it; empty when it waits on none. */
    public static String waiting(String runId, List<Question> asked, ZoneId zone) {
        if (asked.isEmpty()) return "";
        StringBuilder out = new StringBuilder();
        out.append('\n').append(runId).append(" waits for ").append(asked.size() == 1 ? "an answer" : asked.size() + " answers").append(":\n");
        for (Question q : asked) {
            out.append("  ").append(question(q, zone)).append('\n');
            String example = q.options().isEmpty() ? "TEXT" : q.options().get(0);
            out.append("    orch answer ").append(runId).append(asked.size() == 1 ? "" : " --question " + q.id())
                    .append(' ').append(example).append('\n');
        }
        return out.toString();
    }

    /** `q1: Deploy 1.2? [yes/no] (default "no" at 2026-12-02 18:30)`: a question, its options and its timeout. */
    public static String question(Question q, ZoneId zone) {
        StringBuilder b = new StringBuilder(q.id()).append(": ").append(q.text().replace('\n', ' '));
        if (!q.options().isEmpty()) b.append(" [").append(String.join("/", q.options())).append("]");
        if (q.timeoutAt() != null) {
            String at = STARTED.withZone(zone).format(q.timeoutAt());
            b.append(q.defaultAnswer() == null ? " (times out at " + at + ")" : " (default \"" + q.defaultAnswer() + "\" at " + at + ")");
        }
        return b.toString();
    }

    static String script(String recorded, Path base) {
        Path script = Path.of(recorded);
        if (base == null) return recorded;
        Path folder = base.toAbsolutePath().normalize();
        return script.startsWith(folder) ? folder.relativize(script).toString() : recorded;
    }
}

package dev.orch.cli.render;

import dev.orch.interpreter.store.Question;
import dev.orch.temporal.Asked;
import dev.orch.temporal.TemporalRun;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** `orch runs --engine temporal`: id, status and start of each run, then what the waiting ones ask and how to answer. */
public final class TemporalRunsTable {
    private TemporalRunsTable() {}

    /** {@code flags}: what names the service again in `orch answer` (empty for the defaults). */
    public static String render(List<TemporalRun> runs, ZoneId zone, String flags) {
        TextTable table = new TextTable(false, false, false);
        table.row("ID", "STATUS", "STARTED");
        for (TemporalRun r : runs) {
            table.row(r.id(), r.status() + (r.error() == null ? "" : " (" + r.error() + ")"), RunsTable.STARTED.withZone(zone).format(r.started()));
        }
        StringBuilder out = new StringBuilder();
        table.appendTo(out);
        for (TemporalRun r : runs) {
            if (r.waiting().isEmpty()) continue;
            out.append('\n').append(r.id()).append(" waits for:\n");
            for (Asked q : r.waiting()) out.append("  ").append(question(q, zone)).append('\n');
            out.append("  answer with: orch answer ").append(r.id()).append(" --engine temporal").append(flags)
                    .append(r.waiting().size() == 1 ? "" : " --question " + r.waiting().get(0).id()).append(" TEXT\n");
        }
        return out.toString();
    }

    /** A question as `orch runs` shows a local one. */
    public static String question(Asked q, ZoneId zone) {
        return RunsTable.question(new Question(null, q.id(), null, null, q.question(), q.options(), q.defaultAnswer(),
                Instant.ofEpochMilli(q.askedAt()), q.timeoutAt() == null ? null : Instant.ofEpochMilli(q.timeoutAt()), null, null), zone);
    }
}

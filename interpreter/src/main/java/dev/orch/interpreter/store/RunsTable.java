package dev.orch.interpreter.store;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

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

    static String script(String recorded, Path base) {
        Path script = Path.of(recorded);
        if (base == null) return recorded;
        Path folder = base.toAbsolutePath().normalize();
        return script.startsWith(folder) ? folder.relativize(script).toString() : recorded;
    }
}

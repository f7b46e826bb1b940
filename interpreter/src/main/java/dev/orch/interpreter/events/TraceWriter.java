package dev.orch.interpreter.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * `--trace FILE`: one JSON object a line ({@link TraceFormat}), in the order events happen. Each line is flushed, so
 * a killed run still leaves its trace. A trace that cannot be written (a full disk) does not fail the run: it
 * stops, and says so once on {@code warnings} (the command's stderr).
 */
public final class TraceWriter implements RunListener {
    private final BufferedWriter out;
    private final String name;
    private final PrintWriter warnings;
    private boolean broken;

    public TraceWriter(Writer out, String name, PrintWriter warnings) {
        this.out = new BufferedWriter(out);
        this.name = name;
        this.warnings = warnings;
    }

    @Override
    public boolean wants(Class<? extends RunEvent> kind) {
        return kind != RunEvent.PhaseStarted.class && kind != RunEvent.PhaseFinished.class && kind != RunEvent.Warning.class
                && kind != RunEvent.TaskText.class;
    }

    @Override
    public synchronized void event(RunEvent e) {
        if (broken) return;
        ObjectNode o = TraceFormat.json(e);
        if (o == null) return;
        try {
            out.write(o.toString());
            out.newLine();
            out.flush();
        } catch (IOException ex) {
            broken = true;
            warnings.println("orch: warning: the trace " + name + " cannot be written any more (" + ex.getMessage()
                    + "); the run goes on without it");
            warnings.flush();
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // The trace is best effort once the run is over.
        }
    }
}

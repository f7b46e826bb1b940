package dev.orch.interpreter.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * `--trace FILE`: one JSON object a line ({@link TraceFormat}), in the order events happen. Each line is flushed, so
 * a killed run still leaves its trace.
 */
public final class TraceWriter implements RunListener {
    private final BufferedWriter out;
    private boolean broken;

    public TraceWriter(Writer out) {
        this.out = new BufferedWriter(out);
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
            // A full disk must not fail the run; the trace just stops, and says so once.
            broken = true;
            System.err.println("orch: the trace file cannot be written any more: " + ex.getMessage());
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

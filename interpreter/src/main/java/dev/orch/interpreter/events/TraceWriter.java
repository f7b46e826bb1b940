package dev.orch.interpreter.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * `--trace FILE`: one JSON object a line, in the order events happen. Keys: event, t (ms since the run started),
 * run, and where they apply task, agent, model, attempt, ms, tokens_in, tokens_out, cost (dollars), error (and
 * breaker for breaker_open); run_finished also has the run's calls and cost. Each line is flushed, so a killed run still leaves its trace.
 */
public final class TraceWriter implements RunListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;
    private boolean broken;

    public TraceWriter(Writer out) {
        this.out = new BufferedWriter(out);
    }

    @Override
    public synchronized void event(RunEvent e) {
        if (broken || !e.type().traced()) return;
        ObjectNode o = JSON.createObjectNode();
        o.put("event", e.type().traceName());
        o.put("t", e.t());
        o.put("run", e.run());
        if (e.task() != null) o.put("task", e.task());
        if (e.agent() != null) o.put("agent", e.agent());
        if (e.model() != null) o.put("model", e.model());
        if (e.attempt() != null) o.put("attempt", e.attempt());
        if (e.ms() != null) o.put("ms", e.ms());
        if (e.tokensIn() != null) o.put("tokens_in", e.tokensIn());
        if (e.tokensOut() != null) o.put("tokens_out", e.tokensOut());
        if (e.cost() != null) o.put("cost", e.cost());
        if (e.calls() != null) o.put("calls", e.calls());
        if (e.error() != null) o.put("error", e.error());
        if (e.type() == RunEvent.Type.BREAKER_OPEN && e.message() != null) o.put("breaker", e.message());
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

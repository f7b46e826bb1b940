package dev.orch.cli;

import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * `--otel` for a run on Temporal: the events the follower hands over are kept, and become spans ({@link OtelExport},
 * the same as a local run's) once the run has ended. A Temporal run may wait days for an answer across several
 * commands (`orch run` exits 3, `orch answer` follows it on from its start); the one that sees it end sends the
 * whole run as one trace, its times counted from when the run's clock started on Temporal, so no call is sent
 * twice and no trace is left without its root.
 */
final class SpansAtTheEnd implements RunListener {
    private final List<RunEvent> events = new ArrayList<>();

    /** Every event a span is made of (the calls' text never comes from a Temporal run). */
    @Override
    public boolean wants(Class<? extends RunEvent> kind) {
        return kind != RunEvent.TaskText.class;
    }

    @Override
    public synchronized void event(RunEvent e) {
        events.add(e);
    }

    /** Sends the run's spans to {@code traces} and waits for them to be taken (or says they were not). */
    synchronized void send(String traces, Plan plan, long clockZeroMillis, PrintWriter err) {
        OtelExport export = OtelExport.forEvents(traces, plan, clockZeroMillis, err);
        for (RunEvent e : events) if (export.wants(e.getClass())) export.event(e);
        export.close();
    }
}

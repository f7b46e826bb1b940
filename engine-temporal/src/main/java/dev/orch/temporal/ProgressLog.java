package dev.orch.temporal;

import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's events as the workflow's interpreter emits them, kept in order (rebuilt the same on every replay), and
 * the answer to the `progress` query from offsets into them and into what `print` wrote.
 */
final class ProgressLog implements RunListener {
    private final List<RunEvent> events = new ArrayList<>();

    /** What a reply said is for `--otel-content`, which a worker does not export. */
    @Override
    public boolean wants(Class<? extends RunEvent> kind) {
        return kind != RunEvent.TaskText.class;
    }

    @Override
    public void event(RunEvent e) {
        events.add(e);
    }

    RunProgress since(int eventsFrom, long stdoutFrom, Printed printed, List<Asked> waiting) {
        int from = Math.clamp(eventsFrom, 0, events.size());
        List<String> news = new ArrayList<>(events.size() - from);
        for (RunEvent e : events.subList(from, events.size())) news.add(EventWire.write(e));
        return new RunProgress(news, events.size(), printed.since(stdoutFrom), printed.end(stdoutFrom), waiting);
    }
}

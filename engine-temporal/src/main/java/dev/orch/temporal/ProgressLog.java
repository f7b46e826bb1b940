package dev.orch.temporal;

import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's events as the workflow's interpreter emits them, kept in order (rebuilt the same on every replay), and
 * the answer to the `progress` query from offsets into them and into what `print` wrote.
 *
 * <p>A run that continued as new emits the old run's events again as it replays the plan, but parallel branches
 * replay in another order than their events came in. So the old run hands on each event's key (a hash of the event)
 * in its order: the new log starts with a slot for each, an event emitted again fills the slot its key names, and
 * only an event no slot waits for comes after them. A follower at the old run's offsets reads on from the same place
 * and is answered only up to the first slot not yet filled, so it sees each event once.
 */
final class ProgressLog implements RunListener {
    private final List<RunEvent> events = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final Map<String, ArrayDeque<Integer>> slots = new HashMap<>();
    private int unfilled;
    private boolean finished;

    /** What a reply said is for `--otel-content`, which a worker does not export. */
    @Override
    public boolean wants(Class<? extends RunEvent> kind) {
        return kind != RunEvent.TaskText.class;
    }

    /** Starts from the events of the run this one continues, by their keys (see {@link #keys}); null: none. */
    void continueFrom(List<String> earlier) {
        if (earlier == null) return;
        for (String key : earlier) {
            slots.computeIfAbsent(key, k -> new ArrayDeque<>()).add(events.size());
            events.add(null);
            keys.add(key);
        }
        unfilled = earlier.size();
    }

    /** Each event's key, in the log's order, for the run this one continues as. */
    List<String> keys() {
        return List.copyOf(keys);
    }

    @Override
    public void event(RunEvent e) {
        if (e instanceof RunEvent.RunFinished) finished = true;
        String key = key(e);
        ArrayDeque<Integer> waiting = unfilled == 0 ? null : slots.get(key);
        Integer slot = waiting == null ? null : waiting.poll();
        if (slot != null) {
            events.set(slot, e);
            unfilled--;
            return;
        }
        events.add(e);
        keys.add(key);
    }

    RunProgress since(int eventsFrom, long stdoutFrom, Printed printed, List<Asked> waiting) {
        int from = Math.max(0, eventsFrom);
        List<String> news = new ArrayList<>();
        int end = from;
        // A slot that stays empty (an event the old run had and this one does not) holds no one up once the run ends.
        while (end < events.size() && (events.get(end) != null || finished)) {
            RunEvent e = events.get(end++);
            if (e != null) news.add(EventWire.write(e));
        }
        long bytesFrom = Math.max(0, stdoutFrom);
        long bytesEnd = Math.max(bytesFrom, printed.end(bytesFrom));
        return new RunProgress(news, end, printed.since(bytesFrom), bytesEnd, waiting);
    }

    private static String key(RunEvent e) {
        byte[] json = EventWire.write(e).getBytes(StandardCharsets.UTF_8);
        long h = 0xcbf29ce484222325L;
        for (byte b : json) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return Long.toString(h, 36);
    }
}

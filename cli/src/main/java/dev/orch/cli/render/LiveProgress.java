package dev.orch.cli.render;

import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * Progress for a terminal: a tree of the running phases and the tasks in them, with elapsed time, attempts and
 * tokens, redrawn in place at most ten times a second by one daemon thread on JLine's {@link Display} (which
 * rewrites only the characters that changed, and knows the terminal's size and capabilities). Events only update
 * maps and counters, so a run of thousands of calls pays almost nothing; finished phases, failures, retries and
 * warnings are printed once above the tree and stay.
 */
public final class LiveProgress implements RunListener {
    private static final int MAX_TASK_LINES = 12;
    private final Terminal terminal;
    private final Display display;
    private final long startNanos = System.nanoTime();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Long> phases = new ConcurrentHashMap<>();
    private final List<String> permanent = new ArrayList<>();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final Thread painter;
    private final boolean entry;
    private final UnaryOperator<String> taskNames;
    private final boolean showReplies;
    private boolean drawn;
    private volatile boolean closed;
    private volatile boolean paused;

    /**
     * {@code streamed}: characters of the reply that have arrived so far (a streaming call); {@code tail}: the last of
     * them, kept only when replies are shown ({@code orch run --stream}).
     */
    private record Running(String agent, String model, String phase, long startNanos, int attempt, AtomicLong streamed,
                           String label, StringBuilder tail) {}

    /** How much of a reply's end is kept, and shown on the line under its task. */
    private static final int TAIL = 240;
    private static final int SHOWN = 96;

    public LiveProgress(Terminal terminal) {
        this(terminal, false, UnaryOperator.identity(), false);
    }

    private LiveProgress(Terminal terminal, boolean entry, UnaryOperator<String> taskNames, boolean showReplies) {
        this.terminal = terminal;
        this.display = new Display(terminal, false);
        this.entry = entry;
        this.taskNames = taskNames;
        this.showReplies = showReplies;
        this.painter = Thread.ofPlatform().daemon().name("orch-progress").start(this::paintLoop);
    }

    /**
     * For one REPL entry, which reports its own result and errors: nothing is drawn until a call has run for
     * {@link #ENTRY_QUIET_NANOS} (most entries finish before), then the running calls as for a run; only retries and
     * open breakers stay above. {@code taskNames} maps task ids to the entry's own lines.
     */
    public static LiveProgress forEntry(Terminal terminal, UnaryOperator<String> taskNames) {
        return new LiveProgress(terminal, true, taskNames, false);
    }

    /** `orch run --stream`: as for a run, and under each running task the end of its reply as it arrives. */
    public static LiveProgress showingReplies(Terminal terminal) {
        return new LiveProgress(terminal, false, UnaryOperator.identity(), true);
    }

    static final long ENTRY_QUIET_NANOS = 1_000_000_000L;

    @Override
    public boolean wants(Class<? extends RunEvent> kind) {
        return kind != RunEvent.TaskText.class;
    }

    @Override
    public void event(RunEvent e) {
        switch (e) {
            case RunEvent.TaskStarted s -> running.put(s.task(), new Running(s.agent(), s.model(), s.phase(), System.nanoTime(),
                    s.attempt(), new AtomicLong(), s.label(), showReplies ? new StringBuilder() : null));
            case RunEvent.TaskFinished f -> {
                running.remove(f.task());
                done.incrementAndGet();
                tokens.addAndGet(f.tokensIn() + f.tokensOut());
            }
            case RunEvent.TaskFailed f -> running.remove(f.task());
            case RunEvent.TaskReplayed r -> replayed.incrementAndGet();
            case RunEvent.TaskCached c -> replayed.incrementAndGet();
            case RunEvent.TaskRetry r -> retries.incrementAndGet();
            case RunEvent.PhaseStarted p -> phases.put(p.name(), System.nanoTime());
            case RunEvent.PhaseFinished p -> phases.remove(p.name());
            default -> { }
        }
        boolean stays = switch (e) {
            case RunEvent.TaskRetry r -> true;
            case RunEvent.BreakerOpen b -> true;
            case RunEvent.TaskFailed f -> !entry;
            case RunEvent.BudgetExceeded b -> !entry;
            case RunEvent.Warning w -> !entry;
            case RunEvent.PhaseFinished p -> !entry;
            case RunEvent.RunFinished f -> !entry;
            default -> false;
        };
        if (stays) {
            String line = Progress.line(e, taskNames);
            synchronized (permanent) {
                permanent.add(line);
            }
        }
    }

    /** Replies stream while the tree is shown, so a long call visibly makes progress. */
    @Override
    public boolean wantsTokens() {
        return true;
    }

    @Override
    public void streamed(String task, String text) {
        Running r = running.get(task);
        if (r == null) return;
        r.streamed().addAndGet(text.length());
        if (r.tail() != null) {
            synchronized (r.tail()) {
                r.tail().append(text);
                if (r.tail().length() > 2 * TAIL) r.tail().delete(0, r.tail().length() - TAIL);
            }
        }
    }

    private void paintLoop() {
        while (!closed) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            paint();
        }
    }

    /**
     * Where the run's stdout should go while the tree is shown: each write first takes the tree off the screen, so
     * `print` output is never drawn over; the next tick draws the tree again below it.
     */
    public PrintStream around(PrintWriter out) {
        return ScriptOutput.onto(out, this, this::stepAside);
    }

    /** Clears the tree and prints the lines that stay; the cursor is then where the next output belongs. */
    private void stepAside() {
        if (drawn) {
            display.update(List.of(), 0);
            display.reset();
            drawn = false;
        }
        StringBuilder pending = new StringBuilder();
        drainPermanent(pending);
        if (!pending.isEmpty()) {
            terminal.writer().print(pending);
        }
        terminal.flush();
    }

    private void drainPermanent(StringBuilder out) {
        synchronized (permanent) {
            for (String line : permanent) out.append(line).append('\n');
            permanent.clear();
        }
    }

    /**
     * Takes the tree off the screen and stops drawing it until {@link #resume}: a question is being asked on the
     * terminal, and the prompt must stay where the user types.
     */
    public synchronized void pause() {
        paused = true;
        stepAside();
    }

    public void resume() {
        paused = false;
    }

    private synchronized void paint() {
        if (paused) return;
        Size size = terminal.getSize();
        int columns = size.getColumns() > 0 ? size.getColumns() : 120;
        int rows = size.getRows() > 0 ? size.getRows() : 40;
        List<String> tree = closed || entry && !anyRunningFor(ENTRY_QUIET_NANOS) ? List.of() : tree(columns);
        boolean staying;
        synchronized (permanent) {
            staying = !permanent.isEmpty();
        }
        if (tree.isEmpty() || staying) stepAside();
        if (tree.isEmpty()) return;
        // Lines never wrap and the tree never scrolls off: the Display can only redraw what is still on the screen.
        List<AttributedString> lines = new ArrayList<>();
        int shown = Math.min(tree.size(), rows - 1);
        for (String line : tree.subList(tree.size() - shown, tree.size())) {
            AttributedString a = new AttributedString(line);
            lines.add(a.columnLength() < columns ? a : a.columnSubSequence(0, columns - 1));
        }
        display.resize(rows, columns);
        display.update(lines, lines.size() * (columns + 1)); // the cursor rests on the line below the tree
        drawn = true;
    }

    private boolean anyRunningFor(long nanos) {
        long now = System.nanoTime();
        for (Running r : running.values()) if (now - r.startNanos() >= nanos) return true;
        return false;
    }

    private List<String> tree(int columns) {
        long now = System.nanoTime();
        List<String> lines = new ArrayList<>();
        phases.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(p -> {
            lines.add("phase " + p.getKey() + "  " + elapsed(now - p.getValue()));
            running.entrySet().stream().filter(r -> p.getKey().equals(r.getValue().phase()))
                    .limit(MAX_TASK_LINES).forEach(r -> task(lines, "  ", r.getKey(), r.getValue(), now, columns));
        });
        running.entrySet().stream().filter(r -> r.getValue().phase() == null)
                .limit(MAX_TASK_LINES).forEach(r -> task(lines, "", r.getKey(), r.getValue(), now, columns));
        lines.add(String.format(Locale.ROOT, "%d running, %d done, %s%d retries, %,d tokens  %s",
                running.size(), done.get(), replayed.get() == 0 ? "" : replayed.get() + " replayed, ", retries.get(),
                tokens.get(), elapsed(now - startNanos)));
        return lines;
    }

    private void task(List<String> lines, String indent, String id, Running r, long now, int columns) {
        lines.add(indent + task(id, r, now));
        String reply = replyEnd(r, Math.min(SHOWN, columns - 1 - indent.length() - 4));
        if (reply != null) lines.add(indent + "  \u2502 " + reply);
    }

    /** The end of what a reply said so far, on one line: newlines shown as a return sign, at most {@code width} long. */
    private static String replyEnd(Running r, int width) {
        if (r.tail() == null) return null;
        String text;
        synchronized (r.tail()) {
            text = r.tail().toString();
        }
        String line = text.strip().replaceAll("\\s*\\R\\s*", " \u23ce ").replaceAll("\\p{Cntrl}", " ");
        if (line.isEmpty()) return null;
        if (width < 2) return null;
        return line.length() <= width ? line : "\u2026" + line.substring(line.length() - width + 1);
    }

    private String task(String id, Running r, long now) {
        long chars = r.streamed().get();
        return taskNames.apply(id) + (r.label() == null ? "" : " \"" + r.label() + "\"") + " " + r.agent() + " (" + r.model() + ")  "
                + elapsed(now - r.startNanos())
                + (chars > 0 ? String.format(Locale.ROOT, "  ~%,d tokens", (chars + 3) / 4) : "")
                + (r.attempt() > 1 ? "  attempt " + r.attempt() : "");
    }

    private static String elapsed(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }

    @Override
    public void close() {
        closed = true;
        painter.interrupt();
        try {
            painter.join(500);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
        paint();
    }
}

package dev.orch.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.interpreter.events.RunEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final RunEvent PHASE_STARTED = new RunEvent.PhaseStarted(0, "r1", "main/3:3", "draft", null);
    private static final RunEvent TASK_STARTED = new RunEvent.TaskStarted(5, "r1", "main/4:5", "writer", "fast", 1, "draft", null);
    private static final RunEvent REPLAYED = new RunEvent.TaskReplayed(2, "r1", "main/4:5", "writer", "fast", 1, 800, 10, 4, "draft");

    @Test
    void plainProgressIsOneLinePerEvent() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        p.event(PHASE_STARTED);
        p.event(TASK_STARTED);
        p.event(new RunEvent.TaskRetry(30, "r1", "main/4:5", 2, 100, "server", "down", "draft"));
        p.event(new RunEvent.TaskFinished(1250, "r1", "main/4:5", "writer", "fast", 2, 20, 10, 4, 0, "draft"));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                [  0.00s] phase "draft" started
                [  0.01s] start main/4:5 writer (fast)
                [  0.03s] retry main/4:5: attempt 2 in 0.10s after server: down
                [  1.25s] done  main/4:5 writer in 0.02s, 10 tokens in, 4 out (attempt 2)
                """);
    }

    @Test
    void aResumedRunShowsWhichCallsWereReplayedOrCached() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        p.event(REPLAYED);
        p.event(new RunEvent.TaskCached(3, "r1", "main/5:5", "writer", "fast", 1, 12, 6, "draft"));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                [  0.00s] replayed main/4:5 writer from the journal, 10 tokens in, 4 out
                [  0.00s] cached main/5:5 writer from the reply cache, 12 tokens in, 6 out
                """);

        Screen tree = new Screen(100, 30);
        LiveProgress live = new LiveProgress(tree.terminal());
        live.event(REPLAYED);
        Thread.sleep(250);
        live.close();
        assertThat(tree.written()).contains("1 replayed");
    }

    @Test
    void withStreamTheEndOfEachRunningReplyShowsUnderItsTask() throws Exception {
        Screen screen = new Screen(100, 30);
        LiveProgress live = LiveProgress.showingReplies(screen.terminal());
        live.event(PHASE_STARTED);
        live.event(TASK_STARTED);
        live.streamed("main/4:5", "The draft opens with a question.\nThen it ");
        live.streamed("main/4:5", "answers it" + ", and more".repeat(20));
        Thread.sleep(250);
        assertThat(screen.lines()).first().asString().startsWith("phase draft  ");
        assertThat(screen.lines().get(1)).startsWith("  main/4:5 writer (fast)  ");
        assertThat(screen.lines().get(2)).startsWith("    \u2502 \u2026").endsWith(", and more, and more");
        live.close();

        Screen first = new Screen(100, 30);
        LiveProgress brief = LiveProgress.showingReplies(first.terminal());
        brief.event(PHASE_STARTED);
        brief.event(TASK_STARTED);
        brief.streamed("main/4:5", "Hello\nworld");
        Thread.sleep(250);
        assertThat(first.lines()).contains("    \u2502 Hello \u23ce world");
        brief.close();

        Screen plain = new Screen(100, 30);
        LiveProgress without = new LiveProgress(plain.terminal());
        without.event(PHASE_STARTED);
        without.event(TASK_STARTED);
        without.streamed("main/4:5", "Hello");
        Thread.sleep(250);
        without.close();
        assertThat(plain.written()).doesNotContain("Hello");
    }

    /** Ten replies streaming at once, as `orch run --stream` shows them: each under its own task, none over another. */
    @Test
    void tenRepliesStreamingAtOnceEachShowUnderTheirTask() throws Exception {
        Screen screen = new Screen(120, 40);
        LiveProgress live = LiveProgress.showingReplies(screen.terminal());
        live.event(PHASE_STARTED);
        for (int i = 0; i < 10; i++) {
            live.event(new RunEvent.TaskStarted(5, "r1", "main/4:5[" + i + "]", "writer", "fast", 1, "draft", null));
        }
        List<Thread> streams = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            streams.add(Thread.ofPlatform().start(() -> {
                for (int chunk = 0; chunk < 30; chunk++) {
                    live.streamed("main/4:5[" + n + "]", " r" + n + "w" + chunk);
                    try {
                        Thread.sleep(7);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread t : streams) t.join();
        Thread.sleep(250);
        List<String> shown = screen.lines();
        assertThat(shown.get(0)).startsWith("phase draft  ");
        for (int i = 0; i < 10; i++) {
            int at = shown.indexOf(shown.stream().filter(l -> l.startsWith("  main/4:5[")).toList().get(i));
            String task = shown.get(at);
            String id = task.substring(2, task.indexOf(' ', 2));
            String n = id.substring(id.indexOf('[') + 1, id.indexOf(']'));
            assertThat(task).contains("writer (fast)", "~");
            assertThat(shown.get(at + 1)).startsWith("    \u2502 ").endsWith("r" + n + "w28 r" + n + "w29");
        }
        assertThat(shown.get(shown.size() - 1)).startsWith("10 running, 0 done");
        assertThat(shown).hasSize(1 + 20 + 1);
        for (int i = 0; i < 10; i++) {
            live.event(new RunEvent.TaskFinished(400, "r1", "main/4:5[" + i + "]", "writer", "fast", 1, 300, 10, 4, 0, "draft"));
        }
        live.event(new RunEvent.PhaseFinished(410, "r1", "main/3:3", "draft", 405, null, null));
        live.close();
        assertThat(screen.lines()).containsExactly("phase \"draft\" done in 0.41s");
    }

    @Test
    void liveProgressDrawsTheTreeAndLeavesFinishedLinesAbove() throws Exception {
        Screen screen = new Screen(100, 30);
        LiveProgress live = new LiveProgress(screen.terminal());
        live.event(PHASE_STARTED);
        live.event(TASK_STARTED);
        assertThat(live.wantsTokens()).isTrue();
        live.streamed("main/4:5", "x".repeat(398));
        Thread.sleep(250);
        List<String> drawn = screen.lines();
        assertThat(drawn).hasSize(3);
        assertThat(drawn.get(0)).startsWith("phase draft  ");
        assertThat(drawn.get(1)).startsWith("  main/4:5 writer (fast)  ").contains("~100 tokens");
        assertThat(drawn.get(2)).startsWith("1 running, 0 done");
        live.event(new RunEvent.TaskFinished(40, "r1", "main/4:5", "writer", "fast", 1, 20, 10, 4, 0, "draft"));
        live.event(new RunEvent.PhaseFinished(45, "r1", "main/3:3", "draft", 45, null, null));
        live.event(new RunEvent.RunFinished(50, "r1", 50, 10, 4, 0, 0, null, null));
        live.close();
        assertThat(screen.lines()).containsExactly("phase \"draft\" done in 0.05s", "run finished in 0.05s: 0 calls, 10 tokens in, 4 out");
    }

    /** What `print` writes while the tree is shown comes above it, never drawn over. */
    @Test
    void printedTextGoesAboveTheTree() throws Exception {
        Screen screen = new Screen(100, 30);
        LiveProgress live = new LiveProgress(screen.terminal());
        live.event(PHASE_STARTED);
        live.event(TASK_STARTED);
        Thread.sleep(250);
        PrintStream printed = live.around(screen.terminal().writer());
        printed.println("first line \u00e9\u4e16");
        Thread.sleep(250);
        List<String> shown = screen.lines();
        assertThat(shown.get(0)).isEqualTo("first line \u00e9\u4e16");
        assertThat(shown.get(1)).startsWith("phase draft  ");
        live.close();
        assertThat(screen.lines()).containsExactly("first line \u00e9\u4e16");
    }
}

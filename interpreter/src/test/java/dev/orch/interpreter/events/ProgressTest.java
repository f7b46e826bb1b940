package dev.orch.interpreter.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final RunEvent PHASE_STARTED = new RunEvent.PhaseStarted(0, "r1", "main/3:3", "draft", null);
    private static final RunEvent TASK_STARTED = new RunEvent.TaskStarted(5, "r1", "main/4:5", "writer", "fast", 1, "draft", null);
    private static final RunEvent REPLAYED = new RunEvent.TaskReplayed(2, "r1", "main/4:5", "writer", "fast", 1, 800, 10, 4, "draft");

    @Test
    void plainProgressIsOneLinePerEvent() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8));
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
        Progress p = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8));
        p.event(REPLAYED);
        p.event(new RunEvent.TaskCached(3, "r1", "main/5:5", "writer", "fast", 1, 12, 6, "draft"));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                [  0.00s] replayed main/4:5 writer from the journal, 10 tokens in, 4 out
                [  0.00s] cached main/5:5 writer from the reply cache, 12 tokens in, 6 out
                """);

        ByteArrayOutputStream tree = new ByteArrayOutputStream();
        LiveProgress live = new LiveProgress(new PrintStream(tree, true, StandardCharsets.UTF_8));
        live.event(REPLAYED);
        Thread.sleep(250);
        live.close();
        assertThat(tree.toString(StandardCharsets.UTF_8)).contains("1 replayed");
    }

    @Test
    void withStreamTheEndOfEachRunningReplyShowsUnderItsTask() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LiveProgress live = LiveProgress.showingReplies(new PrintStream(err, true, StandardCharsets.UTF_8));
        live.event(PHASE_STARTED);
        live.event(TASK_STARTED);
        live.streamed("main/4:5", "The draft opens with a question.\nThen it ");
        live.streamed("main/4:5", "answers it" + ", and more".repeat(20));
        Thread.sleep(250);
        live.close();
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("  main/4:5 writer (fast)", "    \u2502 \u2026").contains(", and more, and more");
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        LiveProgress brief = LiveProgress.showingReplies(new PrintStream(first, true, StandardCharsets.UTF_8));
        brief.event(PHASE_STARTED);
        brief.event(TASK_STARTED);
        brief.streamed("main/4:5", "Hello\nworld");
        Thread.sleep(250);
        brief.close();
        assertThat(first.toString(StandardCharsets.UTF_8)).contains("\u2502 Hello \u23ce world");
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        LiveProgress without = new LiveProgress(new PrintStream(plain, true, StandardCharsets.UTF_8));
        without.event(PHASE_STARTED);
        without.event(TASK_STARTED);
        without.streamed("main/4:5", "Hello");
        Thread.sleep(250);
        without.close();
        assertThat(plain.toString(StandardCharsets.UTF_8)).doesNotContain("Hello");
    }

    @Test
    void liveProgressDrawsTheTreeAndLeavesFinishedLinesAbove() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LiveProgress live = new LiveProgress(new PrintStream(err, true, StandardCharsets.UTF_8));
        live.event(PHASE_STARTED);
        live.event(TASK_STARTED);
        assertThat(live.wantsTokens()).isTrue();
        live.streamed("main/4:5", "x".repeat(398));
        Thread.sleep(250);
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("phase draft", "  main/4:5 writer (fast)", "~100 tokens", "1 running, 0 done");
        live.event(new RunEvent.TaskFinished(40, "r1", "main/4:5", "writer", "fast", 1, 20, 10, 4, 0, "draft"));
        live.event(new RunEvent.PhaseFinished(45, "r1", "main/3:3", "draft", 45, null, null));
        live.event(new RunEvent.RunFinished(50, "r1", 50, 10, 4, 0, 0, null, null));
        live.close();
        String all = err.toString(StandardCharsets.UTF_8);
        String after = all.substring(drawn.length());
        assertThat(after).contains("\033[", "phase \"draft\" done in 0.05s", "run finished in 0.05s: 0 calls, 10 tokens in, 4 out");
        String lastFrame = all.substring(all.lastIndexOf("\033[J"));
        assertThat(lastFrame).doesNotContain("writer (fast)").contains("run finished");
    }
}

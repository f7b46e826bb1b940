package dev.orch.interpreter.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static RunEvent event(RunEvent.Type type, long t, String task, Integer attempt, Long ms, String error, String message) {
        return new RunEvent(type, t, "r1", task, task == null ? null : "writer", task == null ? null : "fast", attempt, ms,
                type == RunEvent.Type.TASK_FINISHED || type == RunEvent.Type.RUN_FINISHED ? 10L : null,
                type == RunEvent.Type.TASK_FINISHED || type == RunEvent.Type.RUN_FINISHED ? 4L : null, error, "draft", message);
    }

    @Test
    void plainProgressIsOneLinePerEvent() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8));
        p.event(event(RunEvent.Type.PHASE_STARTED, 0, "main/3:3", null, null, null, "draft"));
        p.event(event(RunEvent.Type.TASK_STARTED, 5, "main/4:5", 1, null, null, null));
        p.event(event(RunEvent.Type.TASK_RETRY, 30, "main/4:5", 2, 100L, "server: down", null));
        p.event(event(RunEvent.Type.TASK_FINISHED, 1250, "main/4:5", 2, 20L, null, null));
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
        p.event(new RunEvent(RunEvent.Type.TASK_REPLAYED, 2, "r1", "main/4:5", "writer", "fast", 1, 800L, 10L, 4L, null, "draft", null));
        p.event(new RunEvent(RunEvent.Type.TASK_CACHED, 3, "r1", "main/5:5", "writer", "fast", 1, 0L, 12L, 6L, null, "draft", null));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                [  0.00s] replayed main/4:5 writer from the journal, 10 tokens in, 4 out
                [  0.00s] cached main/5:5 writer from the reply cache, 12 tokens in, 6 out
                """);

        ByteArrayOutputStream tree = new ByteArrayOutputStream();
        LiveProgress live = new LiveProgress(new PrintStream(tree, true, StandardCharsets.UTF_8));
        live.event(new RunEvent(RunEvent.Type.TASK_REPLAYED, 2, "r1", "main/4:5", "writer", "fast", 1, 800L, 10L, 4L, null, "draft", null));
        Thread.sleep(250);
        live.close();
        assertThat(tree.toString(StandardCharsets.UTF_8)).contains("1 replayed");
    }

    @Test
    void liveProgressDrawsTheTreeAndLeavesFinishedLinesAbove() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LiveProgress live = new LiveProgress(new PrintStream(err, true, StandardCharsets.UTF_8));
        live.event(event(RunEvent.Type.PHASE_STARTED, 0, "main/3:3", null, null, null, "draft"));
        live.event(event(RunEvent.Type.TASK_STARTED, 5, "main/4:5", 1, null, null, null));
        assertThat(live.wantsTokens()).isTrue();
        live.streamed("main/4:5", 398);
        Thread.sleep(250);
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("phase draft", "  main/4:5 writer (fast)", "~100 tokens", "1 running, 0 done");
        live.event(event(RunEvent.Type.TASK_FINISHED, 40, "main/4:5", 1, 20L, null, null));
        live.event(event(RunEvent.Type.PHASE_FINISHED, 45, "main/3:3", null, 45L, null, "draft"));
        live.event(event(RunEvent.Type.RUN_FINISHED, 50, null, null, 50L, null, null));
        live.close();
        String all = err.toString(StandardCharsets.UTF_8);
        String after = all.substring(drawn.length());
        assertThat(after).contains("\033[", "phase \"draft\" done in 0.05s", "run finished in 0.05s: 0 calls, 10 tokens in, 4 out");
        String lastFrame = all.substring(all.lastIndexOf("\033[J"));
        assertThat(lastFrame).doesNotContain("writer (fast)").contains("run finished");
    }
}

package dev.orch.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive REPL on a JLine terminal fed keystrokes, as a user at a terminal would type them. */
class TerminalReplTest {
    @TempDir
    Path home;

    private PipedOutputStream keys;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private ExternalTerminal terminal;
    private Thread loop;

    @BeforeEach
    void start() throws IOException {
        PipedInputStream in = new PipedInputStream(1 << 16);
        keys = new PipedOutputStream(in);
        terminal = new ExternalTerminal("test", "xterm", in, screen, StandardCharsets.UTF_8);
        terminal.setSize(new org.jline.terminal.Size(120, 40));
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(terminal.output(), StandardCharsets.UTF_8), true);
        Path folder = Path.of("").toAbsolutePath();
        Repl repl = new Repl(new Session(Set.of(), folder, out, out), folder, out, out);
        loop = Thread.ofPlatform().name("repl-under-test").start(() -> TerminalLoop.run(terminal, repl, home.resolve("history")));
    }

    @AfterEach
    void stop() throws Exception {
        if (loop.isAlive()) type("\u0004");
        loop.join(5000);
        terminal.close();
    }

    private void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private String screen() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8).replaceAll("\u001B(\\[[0-9;?]*[a-zA-Z]|[=>])", "").replace("\r", "");
        }
    }

    /** Waits until the screen shows {@code text} {@code times} times; returns how long that took. */
    private Duration await(String text, int times, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        while (count(screen(), text) < times) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("the screen never showed '" + text + "' " + times + " times:\n" + screen());
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
        return n;
    }

    @Test
    void aParallelBlockContinuesOverLinesAndItsNamesAreReadNext() throws Exception {
        await("orch> ", 1, Duration.ofSeconds(10));
        type("model fast = mock(latency: 10ms)\r");
        type("agent echo { model: fast }\r");
        type("parallel {\r");
        await(TerminalLoop.CONTINUATION, 1, Duration.ofSeconds(10));
        type("a = echo(\"left\")\r");
        type("b = echo(\"right\")\r");
        type("}\r");
        type(":plan\r");
        await("parallel: 2 branches", 1, Duration.ofSeconds(10));
        type("print a + \"+\" + b\r");
        await("\nleft+right\n", 1, Duration.ofSeconds(10));
        type("\u0004");
        loop.join(5000);
        assertThat(loop.isAlive()).as("Ctrl-D leaves").isFalse();
        assertThat(Files.readString(home.resolve("history"))).contains("print a + \"+\" + b");
    }

    @Test
    void ctrlCCancelsARunningCallAndTheNextEntryRuns() throws Exception {
        await("orch> ", 1, Duration.ofSeconds(10));
        type("model slow = mock(latency: 30s)\r");
        type("agent sleeper { model: slow }\r");
        type(":trace on\r");
        type("r = sleeper(\"take your time\")\r");
        await("start main/1:1 \"r\" sleeper", 1, Duration.ofSeconds(10)); // the call is in flight
        type("\u0003");
        Duration took = await("cancelled", 1, Duration.ofSeconds(5));
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        type("print 40 + 2\r");
        await("\n42\n", 1, Duration.ofSeconds(10));
        type(":names\r");
        await("(no names yet)", 1, Duration.ofSeconds(10));
    }

    @Test
    void anAskIsAnsweredInlineAWrongAnswerIsAskedAgainAndTheAnswerStaysOutOfTheHistory() throws Exception {
        await("orch> ", 1, Duration.ofSeconds(10));
        type("ok = ask(\"Deploy 1.2?\", options: [\"yes\", \"no\"], timeout: 1h, default: \"no\")\r");
        await("? Deploy 1.2? [yes/no] (default no in 1h) ", 1, Duration.ofSeconds(10));
        type("maybe\r");
        await("\"maybe\" is not an answer: answer one of \"yes\", \"no\"", 1, Duration.ofSeconds(10));
        await("? Deploy 1.2? [yes/no]", 2, Duration.ofSeconds(10));
        type("yes\r");
        type("print \"answer: \" + ok\r");
        await("\nanswer: yes\n", 1, Duration.ofSeconds(10));
        type("\u0004");
        loop.join(5000);
        assertThat(Files.readString(home.resolve("history"))).contains("ok = ask(").doesNotContain("maybe");
    }

    @Test
    void aLongCallShowsItIsRunningWithoutTraceAndAQuickOneShowsNothing() throws Exception {
        await("orch> ", 1, Duration.ofSeconds(10));
        type("model quick = mock(latency: 10ms)\r");
        type("model slow = mock(latency: 2500ms)\r");
        type("agent fast_one { model: quick }\r");
        type("agent thinker { model: slow }\r");
        type("print fast_one(\"hi\")\r");
        await("\nhi\n", 1, Duration.ofSeconds(10));
        assertThat(screen()).doesNotContain("running,");
        type("r = thinker(\"take your time\")\r");
        await("1:1 \"r\" thinker (slow)", 1, Duration.ofSeconds(10));
        assertThat(screen()).contains("1 running, 0 done");
        type("print len(r)\r");
        await("\n14\n", 1, Duration.ofSeconds(10));
    }

    @Test
    void anErrorShowsACaretUnderTheEntryAndTheREPLGoesOn() throws Exception {
        await("orch> ", 1, Duration.ofSeconds(10));
        type("x = 1\r");
        type("y = x + nope\r");
        await("^^^^", 1, Duration.ofSeconds(10));
        assertThat(screen()).contains("repl:1:9: error: undefined name 'nope'\ny = x + nope\n        ^^^^\n");
        type("print x * 3\r");
        await("\n3\n", 1, Duration.ofSeconds(10));
    }
}

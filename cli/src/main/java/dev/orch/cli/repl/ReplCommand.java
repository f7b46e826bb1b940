package dev.orch.cli.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"Try Orch interactively: each statement runs as you type it.",
            "Names and declarations persist; an open { ( [ or \"\"\" continues the entry on the next line.",
            ":help inside lists the commands.",
            "Without a terminal (input from a pipe) lines are read plainly and no prompt is printed."},
        footer = {"", "Exit: 0; with piped input, 1 when any entry failed (a compile error or a failed run).",
            "History: $XDG_STATE_HOME/orch/history when XDG_STATE_HOME is set, else ~/.orch_history.",
            "Examples:  orch repl",
            "           orch repl examples/pipeline.orch      (starts with its declarations loaded)",
            "           printf 'print 1 + 2\\n' | orch repl"})
public final class ReplCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FILE", description = "a script whose declarations to load first")
    Path file;

    @picocli.CommandLine.Mixin
    dev.orch.cli.CapabilityOptions grants = new dev.orch.cli.CapabilityOptions();

    @Override
    public Integer call() throws IOException {
        Path folder = Path.of("").toAbsolutePath();
        var allow = grants.granted();
        if (allow == null) return 2;
        boolean interactive = dev.orch.cli.Interactive.terminal();
        if (!interactive) {
            Repl repl = new Repl(new Session(new LinkedHashSet<>(allow), folder, System.out, System.err), folder, System.out, System.err);
            if (file != null && !repl.accept(":load " + file)) return 2;
            PipedLoop.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), repl);
            return repl.anyFailed() ? 1 : 0;
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("orch").build()) {
            Repl repl = new Repl(new Session(new LinkedHashSet<>(allow), folder, System.out, System.err), folder, System.out, System.err);
            if (file != null) repl.accept(":load " + file);
            TerminalLoop.run(terminal, repl, history());
        }
        return 0;
    }

    static Path history() {
        String state = System.getenv("XDG_STATE_HOME");
        if (state != null && !state.isBlank()) return Path.of(state, "orch", "history");
        return Path.of(System.getProperty("user.home"), ".orch_history");
    }
}

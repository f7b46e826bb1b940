package dev.orch.cli;

import dev.orch.cli.repl.Repl;
import dev.orch.cli.terminal.Interactive;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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
    CapabilityOptions grants = new CapabilityOptions();

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws IOException {
        Path folder = Path.of("").toAbsolutePath();
        var allow = grants.granted();
        if (allow == null) return 2;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Interactive.terminal()) {
            return Repl.piped(allow, folder, file, new BufferedReader(new InputStreamReader(main.in(), StandardCharsets.UTF_8)), out, err);
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("orch").build()) {
            Repl.onTerminal(allow, folder, file, terminal, history(), out, err);
        }
        return 0;
    }

    static Path history() {
        String state = System.getenv("XDG_STATE_HOME");
        if (state != null && !state.isBlank()) return Path.of(state, "orch", "history");
        return Path.of(System.getProperty("user.home"), ".orch_history");
    }
}

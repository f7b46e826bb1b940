package dev.orch.cli.repl;

import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive REPL on a JLine terminal: prompts, multi-line entries, completion, highlighting and history.
 * Ctrl-C while typing clears the entry; while an entry runs it cancels the run (every in-flight call is
 * interrupted) and the prompt comes back. Ctrl-D on an empty line leaves.
 */
final class TerminalLoop {
    static final String PROMPT = "orch> ";
    static final String CONTINUATION = "  ... ";

    private TerminalLoop() {}

    static void run(Terminal terminal, Repl repl, Path history) {
        repl.session().onTerminal(terminal);
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("orch")
                .parser(new EntryParser())
                .completer(new OrchCompleter(repl.session()))
                .highlighter(new OrchHighlighter())
                .variable(LineReader.HISTORY_FILE, history)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .variable(LineReader.INDENTATION, 2)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_BRACKET, true)
                .build();
        // An ask in an entry is answered on the same line reader, without adding the answer to the history.
        repl.session().answering((prompt, deadline) -> {
            reader.setVariable(LineReader.DISABLE_HISTORY, true);
            try {
                return reader.readLine(prompt);
            } catch (EndOfFileException e) {
                return null;
            } catch (UserInterruptException e) {
                throw new InterruptedException("the question was interrupted");
            } finally {
                reader.setVariable(LineReader.DISABLE_HISTORY, false);
            }
        });
        terminal.writer().println(Repl.GREETING);
        terminal.flush();
        while (!repl.quit()) {
            String entry;
            try {
                entry = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            Thread running = Thread.currentThread();
            Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> running.interrupt());
            try {
                repl.accept(entry);
            } finally {
                terminal.handle(Terminal.Signal.INT, previous);
                Thread.interrupted();
            }
        }
        try {
            reader.getHistory().save();
        } catch (java.io.IOException e) {
            terminal.writer().println("orch: the history could not be saved to " + history + ": " + e.getMessage());
        }
        terminal.flush();
    }
}

package dev.orch.cli.render;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The terminal on stderr that the live progress draws on: JLine's system terminal, writing to stderr. */
public final class ProgressTerminal {
    private ProgressTerminal() {}

    /** Null when stderr is no terminal JLine can drive (the progress is then the plain one). */
    public static Terminal open() {
        try {
            Terminal t = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr)
                    .name("orch").dumb(false).build();
            if (Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType())) {
                t.close();
                return null;
            }
            return t;
        } catch (IOException | IllegalStateException e) {
            return null;
        }
    }

    public static void close(Terminal terminal) {
        if (terminal == null) return;
        try {
            terminal.close();
        } catch (IOException ignored) {
            // The run is over; a terminal that cannot restore its mode has nothing left to show.
        }
    }
}

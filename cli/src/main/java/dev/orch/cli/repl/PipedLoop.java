package dev.orch.cli.repl;

import java.io.BufferedReader;
import java.io.IOException;
import org.jline.utils.Signals;

/**
 * The REPL without a terminal (input from a pipe or a file): lines are read plainly and grouped into entries the
 * same way as on a terminal, with no prompt, so stdout carries only what entries print and the values they show.
 * Ctrl-C (SIGINT) while an entry runs cancels it, as on a terminal.
 */
final class PipedLoop {
    private PipedLoop() {}

    static void run(BufferedReader in, Repl repl) throws IOException {
        StringBuilder entry = new StringBuilder();
        String line;
        while (!repl.quit() && (line = in.readLine()) != null) {
            if (entry.isEmpty() && line.strip().startsWith(":")) {
                accept(line, repl);
                continue;
            }
            if (!entry.isEmpty()) entry.append('\n');
            entry.append(line);
            if (Tokens.complete(entry.toString())) {
                accept(entry.toString(), repl);
                entry.setLength(0);
            }
        }
        // An entry still open at the end of the input is compiled as it is, so its error is reported.
        if (!entry.isEmpty() && !repl.quit()) accept(entry.toString(), repl);
    }

    private static void accept(String entry, Repl repl) {
        Thread running = Thread.currentThread();
        Object previous = Signals.register("INT", running::interrupt);
        try {
            repl.accept(entry);
        } finally {
            Signals.unregister("INT", previous);
            Thread.interrupted();
        }
    }
}

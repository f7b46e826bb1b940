package dev.orch.cli.terminal;

import dev.orch.compiler.format.AstPrinter;
import dev.orch.interpreter.Person;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The user at a terminal, answering an `ask` inline: `orch run` on a terminal (the question on stderr, the answer
 * the next line of stdin) and the REPL (its line reader). An answer outside the options is refused and asked again;
 * an empty line takes the default; so does the timeout.
 */
public final class TerminalPerson implements Person {
    /** Where answers are typed: the next line after {@code prompt}, null at the end of input. */
    @FunctionalInterface
    public interface Lines {
        /** {@code deadline}: System.nanoTime() by which to give up with a TimeoutException; Long.MAX_VALUE: none. */
        String next(String prompt, long deadline) throws InterruptedException, TimeoutException;
    }

    private final Lines lines;
    private final PrintWriter err;

    public TerminalPerson(Lines lines, PrintWriter err) {
        this.lines = lines;
        this.err = err;
    }

    /** Asks on {@code err} and reads the answers from {@code in}, giving up at the timeout. */
    public static TerminalPerson reading(BufferedReader in, PrintWriter err) {
        return new TerminalPerson(new StdinLines(in, err), err);
    }

    @Override
    public synchronized Answer ask(Ask ask) throws InterruptedException {
        long deadline = ask.timeoutMs() == null ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, ask.timeoutMs()));
        while (true) {
            String line;
            try {
                line = lines.next("? " + ask.question() + hint(ask) + " ", deadline);
            } catch (TimeoutException e) {
                err.println();
                err.println(ask.defaultAnswer() == null ? "  (no answer in time)" : "  (no answer in time: \"" + ask.defaultAnswer() + "\")");
                return new Answer.TimedOut();
            }
            if (line == null) return new Answer.Away();
            String text = line.strip();
            if (text.isEmpty() && ask.defaultAnswer() != null) return new Answer.Given(ask.defaultAnswer());
            String refused = ask.refusal(text);
            if (refused == null) return new Answer.Given(text);
            err.println("  \"" + text + "\" is not an answer: " + refused);
        }
    }

    private static String hint(Ask ask) {
        StringBuilder b = new StringBuilder();
        if (!ask.options().isEmpty()) b.append(" [").append(String.join("/", ask.options())).append("]");
        String within = ask.timeoutMs() == null ? null : AstPrinter.duration(Math.max(1, ask.timeoutMs() / 1000) * 1000);
        if (ask.defaultAnswer() != null) b.append(" (default ").append(ask.defaultAnswer()).append(within == null ? "" : " in " + within).append(")");
        else if (within != null) b.append(" (within ").append(within).append(")");
        return b.toString();
    }

    /**
     * Lines of stdin, read on a thread of their own so a timeout can give up waiting. A line still being read when
     * the time ran out is kept for the next question, so no typed line is lost.
     */
    private static final class StdinLines implements Lines {
        private final BufferedReader in;
        private final PrintWriter err;
        private CompletableFuture<String> reading;

        StdinLines(BufferedReader in, PrintWriter err) {
            this.in = in;
            this.err = err;
        }

        @Override
        public String next(String prompt, long deadline) throws InterruptedException, TimeoutException {
            err.print(prompt);
            err.flush();
            if (reading == null) reading = CompletableFuture.supplyAsync(this::readLine, command -> Thread.ofVirtual().start(command));
            try {
                String line = deadline == Long.MAX_VALUE ? reading.get()
                        : reading.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                reading = null;
                return line;
            } catch (ExecutionException e) {
                reading = null;
                return null;
            }
        }

        private String readLine() {
            try {
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

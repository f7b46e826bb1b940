package dev.orch.cli;

import dev.orch.cli.render.LiveProgress;
import dev.orch.cli.render.Progress;
import dev.orch.cli.render.ProgressTerminal;
import dev.orch.cli.render.RunErrorText;
import dev.orch.cli.render.RunsTable;
import dev.orch.cli.render.ScriptOutput;
import dev.orch.cli.terminal.Interactive;
import dev.orch.cli.terminal.TerminalPerson;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.Journal;
import dev.orch.interpreter.Person;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.RunResult;
import dev.orch.interpreter.events.RunListener;
import dev.orch.interpreter.events.TraceWriter;
import dev.orch.interpreter.store.Question;
import dev.orch.interpreter.store.RunStatus;
import dev.orch.interpreter.store.RunStore;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jline.terminal.Terminal;

/**
 * What `orch run` and `orch resume` share once they know what to run: progress on stderr, the trace, Ctrl-C, the
 * run itself (journaled when there is a store), recording how it ended, and printing the result or the error.
 */
record RunSession(Plan plan, Map<String, SourceFile> sources, Path folder, Set<String> allowed, RunOutputOptions output,
                  Streams io) {

    /** {@code store} null: nothing is recorded ({@code --no-store}). Returns the exit code. */
    int run(Map<String, Value> values, String runId, RunStore store, Journal journal) {
        List<RunListener> listeners = new ArrayList<>();
        PrintWriter out = io.out();
        PrintWriter err = io.err();
        PrintStream printed = ScriptOutput.onto(out);
        Path trace = output.trace;
        if (trace != null) {
            try {
                if (trace.toAbsolutePath().getParent() != null) Files.createDirectories(trace.toAbsolutePath().getParent());
                listeners.add(new TraceWriter(Files.newBufferedWriter(trace, StandardCharsets.UTF_8), trace.toString(), err));
            } catch (IOException e) {
                err.println("orch: cannot write the trace to " + trace + ": " + e.getMessage());
                if (store != null) store.finishRun(runId, RunStatus.FAILED, "the trace file could not be written");
                return 2;
            }
        }
        OtelExport spans = OtelExport.forRun(output.otel, System.getenv(OtelExport.ENDPOINT_ENV), output.otelContent, plan, err);
        if (spans != null) listeners.add(spans);
        LiveProgress live = null;
        Terminal terminal = null;
        if (!output.quiet && !output.plain && Interactive.terminal()) terminal = ProgressTerminal.open();
        if (!output.quiet && terminal == null) {
            listeners.add(new Progress(err));
        } else if (!output.quiet) {
            live = output.stream ? LiveProgress.showingReplies(terminal) : new LiveProgress(terminal);
            printed = live.around(out);
            listeners.add(live);
        }
        RunListener listener = RunListener.all(listeners);
        RunResult result;
        Thread hook = onInterrupt(Thread.currentThread());
        try {
            List<Path> writable = allowed.stream().filter(a -> a.startsWith("write:")).map(a -> Path.of(a.substring(6))).toList();
            // A person at the terminal answers an ask inline; otherwise (or --no-input) the run waits for orch answer.
            Person person = output.noInput || !Interactive.terminal() ? Person.NOBODY
                    : paused(live, TerminalPerson.reading(new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)), err));
            RunOptions options = new RunOptions(folder, writable, printed, listener, runId, null).withAllowed(allowed)
                    .withPerson(person);
            result = Interpreter.run(plan, "main", values, options, journal);
        } finally {
            listener.close();
            ProgressTerminal.close(terminal);
            finished(hook);
        }
        if (result.waits()) return waiting(result, store);
        if (store != null) {
            store.finishRun(runId, result.ok() ? RunStatus.SUCCEEDED : RunStatus.FAILED,
                    result.ok() ? null : result.error().kind().word() + ": " + result.error().getMessage().lines().findFirst().orElse(""));
        }
        if (result.ok()) {
            if (result.result() != null && !(result.result() instanceof Value.Null)) out.println(Values.show(result.result()));
            out.flush();
            return 0;
        }
        err.print(RunErrorText.of(result.error(), sources));
        err.println("orch: run " + result.runId() + " failed after " + String.format(Locale.ROOT, "%.2fs", result.ms() / 1000.0)
                + (store == null ? "" : "; `orch resume " + result.runId() + storeOption(store)
                + "` continues it without repeating the calls that finished"));
        return 1;
    }

    /**
     * The run stopped to wait for answers: it is recorded as waiting, and stderr says what it asks and how to answer
     * (with the grants the run had, which are not recorded). Exit 3.
     */
    private int waiting(RunResult result, RunStore store) {
        store.finishRun(result.runId(), RunStatus.WAITING, null);
        io.out().flush();
        PrintWriter err = io.err();
        List<Question> questions = result.waiting();
        err.println("orch: run " + result.runId() + " waits for " + (questions.size() == 1 ? "an answer:" : questions.size() + " answers:"));
        for (Question q : questions) err.println("  " + RunsTable.question(q, java.time.ZoneId.systemDefault()));
        String grants = String.join("", allowed.stream().sorted().map(a -> " --allow " + a).toList());
        String which = questions.size() == 1 ? "" : " --question " + questions.get(0).id();
        String example = questions.get(0).options().isEmpty() ? "TEXT" : questions.get(0).options().get(0);
        err.println("orch: answer with `orch answer " + result.runId() + which + storeOption(store) + grants + " " + example
                + "`; `orch runs` lists the runs that wait");
        return 3;
    }

    /** While a question is on the terminal, the live progress stays off the screen. */
    private static Person paused(LiveProgress live, Person person) {
        return live == null ? person : person.around(live::pause, live::resume);
    }

    /** ` --store PATH` when `orch resume` run from here would not find the store by itself. */
    static String storeOption(RunStore store) {
        Path here = Stores.location(null).toAbsolutePath().normalize();
        Path file = store.file().toAbsolutePath().normalize();
        if (file.equals(here)) return "";
        Path cwd = Path.of("").toAbsolutePath();
        return " --store " + (file.startsWith(cwd) ? cwd.relativize(file) : file);
    }

    /**
     * Ctrl-C cancels the run like a failing branch would: every task is interrupted, and the run ends with
     * `cancelled`, so the trace gets its run_finished line and the store records the run as failed. The JVM waits
     * up to two seconds for that.
     */
    private static Thread onInterrupt(Thread running) {
        Thread hook = new Thread(() -> {
            running.interrupt();
            try {
                running.join(2000);
            } catch (InterruptedException ignored) {
                // Exiting anyway.
            }
        }, "orch-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void finished(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is already running; it is waiting for this thread, which is done.
        }
    }
}

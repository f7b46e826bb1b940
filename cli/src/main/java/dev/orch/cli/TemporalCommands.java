package dev.orch.cli;

import dev.orch.cli.render.LiveProgress;
import dev.orch.cli.render.Progress;
import dev.orch.cli.render.ProgressTerminal;
import dev.orch.cli.render.RunErrorText;
import dev.orch.cli.render.TemporalRunsTable;
import dev.orch.cli.terminal.Interactive;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.events.RunListener;
import dev.orch.interpreter.events.TraceWriter;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.value.Value;
import dev.orch.temporal.Asked;
import dev.orch.temporal.BlobStore;
import dev.orch.temporal.OrchWorker;
import dev.orch.temporal.RunFollower;
import dev.orch.temporal.RunOutcome;
import dev.orch.temporal.TemporalConnection;
import dev.orch.temporal.TemporalRun;
import dev.orch.temporal.TemporalRuns;
import dev.orch.temporal.TemporalTarget;
import dev.orch.temporal.TemporalUnavailable;
import dev.orch.temporal.WorkerSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.jline.terminal.Terminal;

/**
 * The commands' Temporal side: `orch worker`, and `orch run`, `runs` and `answer` with `--engine temporal`. With
 * {@link TemporalAccess}, which only it uses, the only class of the CLI that names Temporal's types, so only these
 * commands load them.
 */
final class TemporalCommands {
    private TemporalCommands() {}

    static int serve(TemporalOptions where, String taskQueue, Path root, Set<String> allowed, boolean keepRuns, Streams io) {
        TemporalTarget target = TemporalAccess.resolve(where, taskQueue, Env.system(), io.err());
        if (target == null) return 2;
        BlobStore blobs = blobs(where);
        OrchWorker worker;
        try {
            worker = OrchWorker.start(target, blobs, new WorkerSetup(root, allowed), keepRuns);
        } catch (TemporalUnavailable e) {
            io.err().println("orch: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            worker.close();
            stopped.countDown();
        }, "orch-worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        io.err().println("orch worker: serving task queue " + target.taskQueue() + " at " + target.where() + "; folder " + root
                + "; grants: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + "; large values in "
                + blobs.folder() + " (Ctrl-C stops it)");
        io.err().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            worker.close();
        }
        return 0;
    }

    private static BlobStore blobs(TemporalOptions where) {
        return where.blobs == null ? BlobStore.forMachine() : new BlobStore(where.blobs);
    }

    /** `orch run --engine temporal`: starts the run, then follows it as a local run shows itself (unless detached). */
    static int run(TemporalOptions where, String taskQueue, boolean detach, Plan plan, Map<String, Value> args, String runId,
                   Set<String> allowed, Path script, Map<String, SourceFile> sources, RunOutputOptions output, Streams io) {
        if (followingCannot(output, detach, io.err())) return 2;
        TemporalTarget target = TemporalAccess.resolve(where, taskQueue, Env.system(), io.err());
        if (target == null) return 2;
        try (TemporalConnection c = TemporalConnection.open(target, blobs(where))) {
            TemporalRuns.start(c, plan, args, runId, allowed, script.toAbsolutePath().normalize().toString());
            if (detach) {
                io.out().println(runId);
                io.err().println("orch: run " + runId + " started on Temporal (task queue " + target.taskQueue() + " at "
                        + target.where() + "); `orch runs --engine temporal" + where.again() + "` shows it");
                return 0;
            }
            return follow(c, where, runId, null, plan, sources, output, io);
        } catch (TemporalUnavailable e) {
            io.err().println("orch: " + e.getMessage());
            return 2;
        }
    }

    /** `orch answer RUN --engine temporal`: checks the question and the answer, signals it, then follows the run. */
    static int answer(TemporalOptions where, String runId, String questionId, String text, boolean detach, Set<String> allowed,
                      RunOutputOptions output, Streams io) {
        PrintWriter err = io.err();
        if (followingCannot(output, detach, err)) return 2;
        TemporalTarget target = TemporalAccess.resolve(where, null, Env.system(), err);
        if (target == null) return 2;
        try (TemporalConnection c = TemporalConnection.open(target, blobs(where))) {
            TemporalRun described = TemporalRuns.describe(c, runId);
            TemporalRun run = new TemporalRun(described.id(), described.status(), described.started(), described.error(),
                    RunFollower.waiting(c, described), described.taskQueue());
            if (run.waiting().isEmpty()) {
                err.println("orch: run " + runId + " is not waiting for an answer (it " + (run.running() ? "has no question pending"
                        : "is " + run.status()) + ")");
                return 2;
            }
            Asked q = pick(run, questionId, err);
            if (q == null) return 2;
            String refused = q.refusal(text);
            if (refused != null) {
                err.println("orch: " + refused + "; nothing was sent");
                return 2;
            }
            TemporalRuns.answer(c, runId, q.id(), text);
            if (detach) {
                err.println("orch: answered " + q.id() + " of run " + runId + "; the run goes on on Temporal");
                return 0;
            }
            Plan plan = OtelExport.endpoint(output.otel, System.getenv(OtelExport.ENDPOINT_ENV)) == null ? null
                    : TemporalRuns.plan(c, runId);
            return follow(c, where, runId, q.id(), plan, Map.of(), output, io);
        } catch (TemporalUnavailable e) {
            err.println("orch: " + e.getMessage());
            return 2;
        }
    }

    /** `orch runs --engine temporal`: the namespace's Orch runs, newest first, and what the waiting ones ask. */
    static int runs(TemporalOptions where, int limit, Streams io) {
        TemporalTarget target = TemporalAccess.resolve(where, null, Env.system(), io.err());
        if (target == null) return 2;
        try (TemporalConnection c = TemporalConnection.open(target, blobs(where))) {
            List<TemporalRun> runs = TemporalRuns.list(c, 0);
            if (runs.isEmpty()) {
                io.err().println("orch: no Orch runs on Temporal at " + target.where() + " yet");
                return 0;
            }
            List<TemporalRun> shown = limit > 0 && runs.size() > limit ? runs.subList(0, limit) : runs;
            io.out().print(TemporalRunsTable.render(shown, ZoneId.systemDefault(), where.again()));
            if (shown.size() < runs.size()) io.err().println("(" + shown.size() + " of " + runs.size() + " runs; --all lists every one)");
            return 0;
        } catch (TemporalUnavailable e) {
            io.err().println("orch: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            io.err().println("orch: cannot list the runs on Temporal at " + target.where() + ": " + e.getMessage());
            return 2;
        }
    }

    private static Asked pick(TemporalRun run, String questionId, PrintWriter err) {
        List<Asked> pending = run.waiting();
        if (questionId != null) {
            for (Asked q : pending) if (q.id().equals(questionId)) return q;
            err.println("orch: run " + run.id() + " has no question " + questionId + " waiting; it waits for "
                    + String.join(", ", pending.stream().map(Asked::id).toList()));
            return null;
        }
        if (pending.size() == 1) return pending.get(0);
        err.println("orch: run " + run.id() + " waits for " + pending.size() + " answers; give --question ID:");
        pending.forEach(q -> err.println("  " + q.id() + ": " + q.question()));
        return null;
    }

    /**
     * Draws the run as a local run draws itself: the same progress on stderr (or the live view on a terminal), the
     * trace, `print` on stdout and then main's value; ends as a local run does (exit 0, 1, or 3 waiting).
     */
    private static int follow(TemporalConnection c, TemporalOptions where, String runId, String answered, Plan plan,
                              Map<String, SourceFile> sources, RunOutputOptions output, Streams io) {
        PrintWriter out = io.out();
        PrintWriter err = io.err();
        List<RunListener> listeners = new ArrayList<>();
        String traces = OtelExport.endpoint(output.otel, System.getenv(OtelExport.ENDPOINT_ENV));
        SpansAtTheEnd spans = traces == null ? null : new SpansAtTheEnd();
        if (spans != null) listeners.add(spans);
        if (output.trace != null) {
            try {
                Path trace = output.trace.toAbsolutePath();
                if (trace.getParent() != null) Files.createDirectories(trace.getParent());
                listeners.add(new TraceWriter(Files.newBufferedWriter(trace, StandardCharsets.UTF_8), output.trace.toString(), err));
            } catch (IOException e) {
                err.println("orch: cannot write the trace to " + output.trace + ": " + e.getMessage()
                        + "; run " + runId + " goes on on Temporal");
                return 2;
            }
        }
        PrintStream printed = dev.orch.cli.render.ScriptOutput.onto(out);
        Terminal terminal = !output.quiet && !output.plain && Interactive.terminal() ? ProgressTerminal.open() : null;
        if (!output.quiet && terminal == null) {
            listeners.add(new Progress(err));
        } else if (!output.quiet) {
            LiveProgress live = new LiveProgress(terminal);
            printed = live.around(out);
            listeners.add(live);
        }
        RunListener listener = RunListener.all(listeners);
        RunFollower.Followed followed;
        try {
            followed = new RunFollower(c, runId, listener, printed, note -> {
                err.println("orch: " + note);
                err.flush();
            }).follow(true, answered);
        } catch (TemporalUnavailable e) {
            err.println("orch: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("orch: stopped following run " + runId + "; it goes on on Temporal");
            return 130;
        } finally {
            printed.flush();
            listener.close();
            ProgressTerminal.close(terminal);
        }
        return switch (followed) {
            case RunFollower.Followed.Ended(RunOutcome o, Instant zero) -> {
                if (spans != null) {
                    spans.send(traces, plan, zero != null ? zero.toEpochMilli() : System.currentTimeMillis() - o.ms(), err);
                }
                yield ended(runId, o, sources, out, err);
            }
            case RunFollower.Followed.Stopped(String status, String message) -> {
                err.println("orch: run " + runId + " was " + status + " on Temporal" + (message == null ? "" : ": " + message));
                if (spans != null) err.println("orch: no OpenTelemetry spans were sent: Temporal ended the run without its outcome");
                yield 1;
            }
            case RunFollower.Followed.Waits(List<Asked> questions) -> {
                out.flush();
                err.println("orch: run " + runId + " waits for " + (questions.size() == 1 ? "an answer:" : questions.size() + " answers:"));
                for (Asked q : questions) err.println("  " + question(q));
                String which = questions.size() == 1 ? "" : " --question " + questions.get(0).id();
                String example = questions.get(0).options().isEmpty() ? "TEXT" : questions.get(0).options().get(0);
                err.println("orch: answer with `orch answer " + runId + " --engine temporal" + where.again() + which + " " + example
                        + "`; the run waits on Temporal, with or without a worker");
                if (spans != null) {
                    err.println("orch: the run's OpenTelemetry spans go out when it ends, from the `orch answer` that follows it"
                            + " there (one trace for the whole run)");
                }
                yield 3;
            }
        };
    }

    private static int ended(String runId, RunOutcome o, Map<String, SourceFile> sources, PrintWriter out, PrintWriter err) {
        if (o.ok()) {
            if (o.value() != null) out.println(o.value());
            out.flush();
            return 0;
        }
        out.flush();
        if (RunOutcome.UNGRANTED.equals(o.error())) {
            err.println("orch: " + o.message() + "; nothing was run");
            return 2;
        }
        if (o.failure() != null) err.print(RunErrorText.of(o.failure().error(), sources));
        else err.println("orch: error: " + o.error() + ": " + o.message().lines().findFirst().orElse(""));
        err.println("orch: run " + runId + " failed after " + String.format(Locale.ROOT, "%.2fs", o.ms() / 1000.0));
        return 1;
    }

    private static String question(Asked q) {
        return TemporalRunsTable.question(q, ZoneId.systemDefault());
    }

    /**
     * What a command that follows a Temporal run cannot do, said before anything is sent (exit 2): show replies as
     * they stream (the worker makes the call; Temporal hands over a reply when its call ends), put the calls' text
     * on spans (the run's progress does not carry it), or send spans without following the run to its end.
     */
    private static boolean followingCannot(RunOutputOptions output, boolean detach, PrintWriter err) {
        String why = output.stream ? "--stream shows a reply as the provider sends it, and on --engine temporal only the worker"
                + " making the call sees that: a reply reaches this command when its call ends; drop --stream"
                : output.otelContent ? "--otel-content puts prompts and replies on the spans, but the progress of a Temporal run"
                + " does not carry them (its calls run on the worker); drop --otel-content"
                : detach && output.otel != null ? "--otel sends the run's spans from the command that follows it to its end,"
                + " and --detach follows nothing; drop one of them"
                : null;
        if (why != null) err.println("orch: " + why);
        return why != null;
    }
}

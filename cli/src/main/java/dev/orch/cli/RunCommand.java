package dev.orch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.DiagnosticRenderer;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.ModelKeys;
import dev.orch.interpreter.RunError;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.RunResult;
import dev.orch.interpreter.events.LiveProgress;
import dev.orch.interpreter.events.Progress;
import dev.orch.interpreter.events.RunListener;
import dev.orch.interpreter.events.TraceWriter;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Compile a script (or read a plan written by `orch compile`) and run its workflow main.",
            "stdout carries what `print` prints, then the value main returns, if any; progress goes to stderr."},
        footer = {"", "Exit: 0 the run succeeded, 1 it failed, 2 usage or compile errors, or a model the script calls has no API key.",
            "Examples:  orch run examples/pipeline.orch --arg feature=search",
            "           orch run plan.json --trace run.jsonl"})
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|PLAN", description = "a .orch script, or a plan .json from `orch compile`")
    Path file;

    @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "a parameter of main; lists as JSON: --arg 'xs=[\"a\",\"b\"]'")
    List<String> args = new ArrayList<>();

    @Option(names = "--allow", paramLabel = "shell|net|write:PATH", description = "grant a capability; write:PATH lets paths under PATH be read and written")
    List<String> allow = new ArrayList<>();

    @Option(names = "--trace", paramLabel = "FILE", description = "write every event as a JSON line to FILE")
    Path trace;

    @Option(names = "--force", description = "run a plan even though its source script changed since `orch compile`")
    boolean force;

    @Option(names = "--plain", description = "progress as one line per event, even on a terminal")
    boolean plain;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr; errors only")
    boolean quiet;

    @Override
    public Integer call() {
        Set<String> allowed = new LinkedHashSet<>(allow);
        Loaded loaded = file.toString().endsWith(".json") ? loadPlan() : compile(allowed);
        if (loaded == null) return 2;
        Plan plan = loaded.plan();
        WorkflowPlan main = plan.workflow("main");
        if (main == null) {
            System.err.println("orch: " + file + " has no workflow main to run");
            return 2;
        }
        Map<String, Value> values = arguments(main);
        if (values == null) return 2;
        // A missing key is found before the first call, not halfway through a run that has already spent money.
        List<String> missingKeys = ModelKeys.missing(plan, Env.system());
        if (!missingKeys.isEmpty()) {
            missingKeys.forEach(m -> System.err.println("orch: " + m));
            System.err.println("orch: nothing was run");
            return 2;
        }

        List<RunListener> listeners = new ArrayList<>();
        PrintStream out = System.out;
        PrintStream printed = out;
        if (!quiet && (plain || System.console() == null)) {
            listeners.add(new Progress(System.err));
        } else if (!quiet) {
            LiveProgress live = new LiveProgress(System.err);
            printed = live.around(out);
            listeners.add(live);
        }
        if (trace != null) {
            try {
                if (trace.toAbsolutePath().getParent() != null) Files.createDirectories(trace.toAbsolutePath().getParent());
                listeners.add(new TraceWriter(Files.newBufferedWriter(trace, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                System.err.println("orch: cannot write the trace to " + trace + ": " + e.getMessage());
                return 2;
            }
        }
        RunListener listener = RunListener.all(listeners);
        List<Path> paths = allowed.stream().filter(a -> a.startsWith("write:")).map(a -> Path.of(a.substring(6))).toList();
        Path folder = loaded.folder();
        RunResult result;
        Thread hook = onInterrupt(Thread.currentThread());
        try {
            result = Interpreter.run(plan, "main", values, new RunOptions(folder, paths, printed, listener, runId(), null).withAllowed(allowed));
        } finally {
            listener.close();
            finished(hook);
        }
        if (result.ok()) {
            if (result.result() != null && !(result.result() instanceof Value.Null)) out.println(Values.show(result.result()));
            out.flush();
            return 0;
        }
        System.err.print(describe(result.error(), loaded.sources()));
        System.err.println("orch: run " + result.runId() + " failed after " + String.format(Locale.ROOT, "%.2fs", result.ms() / 1000.0));
        return 1;
    }

    /** {@code sources}: every file the plan came from by path (the script and its imports), for error messages. */
    /**
     * Ctrl-C cancels the run like a failing branch would: every task is interrupted, and the run ends with
     * `cancelled`, so the trace gets its run_finished line. The JVM waits up to two seconds for that.
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

    private record Loaded(Plan plan, Map<String, SourceFile> sources, Path folder) {}

    private Loaded compile(Set<String> allowed) {
        SourceFile source = Sources.read(file);
        if (source == null) return null;
        Compilation c = Compiler.compile(source, CompileOptions.run(allowed));
        if (!c.diagnostics().isEmpty()) System.err.println(c.render());
        if (c.hasErrors()) {
            System.err.println(DiagnosticRenderer.summary(c.errorCount(), c.warningCount()) + "; nothing was run");
            return null;
        }
        if (c.plan() == null) {
            System.err.println("orch: " + file + " has no workflow main to run");
            return null;
        }
        return new Loaded(c.plan(), c.sources(), folderOf(file));
    }

    private Loaded loadPlan() {
        Plan plan;
        try {
            plan = PlanJson.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            System.err.println("orch: " + file + " is not a plan written by `orch compile`: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            System.err.println("orch: " + file + ": cannot read: " + e.getMessage());
            return null;
        }
        Path sourcePath = Path.of(plan.source().path());
        // The path is as `orch compile` was given it; from another folder, look next to the plan as well.
        Path besidePlan = file.toAbsolutePath().getParent().resolve(sourcePath.getFileName());
        if (!Files.isRegularFile(sourcePath) && Files.isRegularFile(besidePlan)) sourcePath = besidePlan;
        SourceFile source = null;
        if (Files.isRegularFile(sourcePath)) {
            source = Sources.read(sourcePath);
            if (source != null && !source.sha256().equals(plan.source().sha256()) && !force) {
                System.err.println("orch: " + sourcePath + " changed since the plan " + file + " was compiled from it;"
                        + " run `orch compile` again, or give --force to run the old plan");
                return null;
            }
        } else if (!force) {
            System.err.println("orch: the plan's script " + sourcePath + " is not there to check the plan against;"
                    + " give --force to run the plan anyway");
            return null;
        }
        return new Loaded(plan, source == null ? Map.of() : Map.of(plan.source().path(), source), folderOf(sourcePath));
    }

    private static Path folderOf(Path script) {
        Path parent = script.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /** --arg values converted to each parameter's declared type; null (after saying why) when one does not fit. */
    private Map<String, Value> arguments(WorkflowPlan main) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                System.err.println("orch: --arg " + a + ": write it as NAME=VALUE");
                return null;
            }
            String name = a.substring(0, eq);
            String text = a.substring(eq + 1);
            WorkflowPlan.Param param = main.params().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
            if (param == null) {
                System.err.println("orch: --arg " + name + ": main has no parameter '" + name + "'"
                        + (main.params().isEmpty() ? "; it takes none" : "; it has: "
                        + String.join(", ", main.params().stream().map(WorkflowPlan.Param::name).toList())));
                return null;
            }
            Value v = ArgValues.convert(param.type(), text);
            if (v == null) {
                System.err.println("orch: --arg " + name + "=" + text + ": '" + name + "' is a " + param.type()
                        + (param.type().equals("list") ? "; give it as JSON, like [\"a\", \"b\"]" : ""));
                return null;
            }
            values.put(name, v);
        }
        for (WorkflowPlan.Param p : main.params()) {
            if (p.defaultValue() == null && !values.containsKey(p.name())) {
                System.err.println("orch: main needs a value for '" + p.name() + "': give --arg " + p.name() + "=VALUE");
                return null;
            }
        }
        return values;
    }

    /**
     * The failing task, its place in the script with the source line and caret, the error kind and the attempts.
     * A block that failed with several errors (`parallel settle`, a race) is followed by each of them, in place.
     */
    public static String describe(RunError e, Map<String, SourceFile> sources) {
        String headline = e.getMessage().lines().findFirst().orElse("");
        String where = "task " + e.task() + ", after " + e.attempts() + (e.attempts() == 1 ? " attempt" : " attempts");
        String message = e.kind().word() + ": " + headline + " (" + where + ")";
        String hint = e.causes().isEmpty() ? hint(e.kind()) : null;
        StringBuilder out = new StringBuilder();
        if (e.span() == null || e.span().line() <= 0 || !sources.containsKey(e.span().file())) {
            out.append("orch: error: ").append(message).append('\n');
            if (hint != null) out.append("hint: ").append(hint).append('\n');
        } else {
            out.append(new DiagnosticRenderer(sources::get).render(Diagnostic.error(e.span(), message, hint)));
        }
        for (RunError cause : e.causes()) out.append(describe(cause, sources));
        return out.toString();
    }

    private static String hint(ErrorKind kind) {
        return switch (kind) {
            case TIMEOUT -> "give it more time, or wrap it in `retry N on timeout`";
            case RATE_LIMIT, SERVER -> "wrap the call in `retry 3 backoff 1s`, or give it a `try { } fallback { }`";
            case BAD_OUTPUT -> "the reply was not what the agent's format promised; `retry ... on bad_output` asks again";
            case BUDGET -> "raise the `budget { }` ceiling, or make fewer or smaller calls";
            case CIRCUIT_OPEN -> "the breaker opened after repeated failures; fix their cause or add a `fallback`";
            case TOOL -> "check the path, the command or the URL the script uses";
            case CANCELLED, FAIL -> null;
        };
    }

    private static String runId() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }
}

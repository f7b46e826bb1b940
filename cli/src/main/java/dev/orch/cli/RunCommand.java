package dev.orch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.check.ModelGrants;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.DiagnosticRenderer;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.interpreter.Journal;
import dev.orch.interpreter.ModelKeys;
import dev.orch.interpreter.RunError;
import dev.orch.interpreter.store.PlanRecording;
import dev.orch.interpreter.store.RunRecord;
import dev.orch.interpreter.store.RunStart;
import dev.orch.interpreter.store.RunStore;
import dev.orch.interpreter.store.StoreLocation;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.value.Value;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Compile a script (or read a plan written by `orch compile`) and run its workflow main.",
            "stdout carries what `print` prints, then the value main returns, if any; progress goes to stderr."},
        footer = {"", "The run is recorded in .orch/runs.db beside the script (--store PATH or $ORCH_STORE for another file,"
                + " --no-store for none): `orch runs`, `orch show RUN`, and `orch resume RUN` after a failure or a crash.",
            "", "Exit: 0 the run succeeded, 1 it failed, 2 usage or compile errors, a model the script calls has no API key, or the run store cannot be used.",
            "With --engine temporal the run is a Temporal workflow that an `orch worker` executes; this command follows it and"
                + " shows the same progress and output (docs/temporal.md). Exit 3: it waits for `orch answer`. A cluster or"
                + " Temporal Cloud: --tls, --tls-ca, --tls-cert and --tls-key, or an API key in $TEMPORAL_API_KEY; TEMPORAL_ADDRESS"
                + " and TEMPORAL_NAMESPACE stand in for --temporal and --namespace. --otel sends the run as one trace when it"
                + " ends; --stream is for local runs (a Temporal run's calls stream on the worker).",
            "Examples:  orch run examples/pipeline.orch --arg feature=search",
            "           orch run plan.json --trace run.jsonl",
            "           orch run examples/pipeline.orch --engine temporal --task-queue orch",
            "           orch run x.orch --engine temporal --tls-cert c.pem --tls-key c.key",
            "           TEMPORAL_API_KEY=... orch run review.orch --engine temporal"})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Streams io;

    @Parameters(index = "0", paramLabel = "FILE|PLAN", description = "a .orch script, or a plan .json from `orch compile`")
    Path file;

    @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "a parameter of main; lists as JSON: --arg 'xs=[\"a\",\"b\"]'")
    List<String> args = new ArrayList<>();

    @Mixin
    CapabilityOptions grants = new CapabilityOptions();

    @Option(names = "--root", paramLabel = "DIR", description = "the folder a plan .json runs in (default: the plan file's folder)")
    Path root;

    @Mixin
    RunOutputOptions output = new RunOutputOptions();

    @Option(names = "--force", description = "run a plan even though its source script changed since `orch compile`")
    boolean force;

    @Option(names = "--store", paramLabel = "PATH", description = "record the run in this store (default: $ORCH_STORE, else .orch/runs.db beside the script)")
    Path store;

    @Option(names = "--no-store", description = "record nothing: the run cannot be resumed or shown later")
    boolean noStore;

    @Option(names = "--cache", description = "answer a call identical to an earlier one (same provider, model, system, prompt and options) from the store, at no cost")
    boolean cache;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "local (default), or temporal: start the run as a Temporal"
            + " workflow for an `orch worker` to execute, and follow it here")
    String engine;

    @Mixin
    TemporalOptions temporal = new TemporalOptions();

    @Option(names = "--task-queue", paramLabel = "Q", description = "with --engine temporal: the task queue its workers serve (default: orch)")
    String taskQueue;

    @Option(names = "--detach", description = "with --engine temporal: start the run, print its id and return; it goes on on Temporal")
    boolean detach;

    @Override
    public Integer call() {
        return call(Main.streams(spec));
    }

    /** The command with its streams given: what {@link PlainCommandLine} calls, without picocli. */
    Integer call(Streams io) {
        this.io = io;
        Engine where = Engine.of(engine, io.err());
        if (where == null) return 2;
        WarmUp.inBackground(where == Engine.LOCAL && !noStore);
        if (where == Engine.LOCAL && (temporal.given() || taskQueue != null || detach)) {
            io.err().println("orch: --temporal, --namespace, --blobs, --tls*, --task-queue and --detach are for --engine temporal");
            return 2;
        }
        if (where == Engine.TEMPORAL && cache) {
            io.err().println("orch: --cache answers calls from the local run store; it cannot be used with --engine temporal");
            return 2;
        }
        Set<String> allowed = grants.granted();
        if (allowed == null) return 2;
        Loaded loaded = file.toString().endsWith(".json") ? loadPlan() : compile(allowed);
        if (loaded == null) return 2;
        Plan plan = loaded.plan();
        WorkflowPlan main = plan.workflow("main");
        if (main == null) {
            io.err().println("orch: " + file + " has no workflow main to run");
            return 2;
        }
        Map<String, Value> values = arguments(main, args, io.err());
        if (values == null) return 2;
        if (where == Engine.TEMPORAL) {
            // The worker's environment holds the API keys, and the worker checks its grants (decision 14).
            if (ungranted(plan, allowed, io.err())) return 2;
            return TemporalCommands.run(temporal, taskQueue, detach, plan, values, runId(), allowed, loaded.script(), loaded.sources(), output, io);
        }
        // A missing key is found before the first call, not halfway through a run that has already spent money.
        List<String> missingKeys = ModelKeys.missing(plan, Env.system());
        if (!missingKeys.isEmpty()) {
            missingKeys.forEach(m -> io.err().println("orch: " + m));
            io.err().println("orch: nothing was run");
            return 2;
        }
        if (ungranted(plan, allowed, io.err())) return 2;
        RunSession session = new RunSession(plan, loaded.sources(), loaded.folder(), allowed, output, io);
        if (noStore) {
            if (cache) {
                io.err().println("orch: --cache keeps replies in the run store; it cannot be used with --no-store");
                return 2;
            }
            return session.run(values, runId(), null, Journal.NONE);
        }
        // A run that could not be resumed is never started: a store that cannot be opened stops here (exit 2).
        try (RunStore runs = RunStore.open(StoreLocation.choose(store, System.getenv(StoreLocation.ENV), loaded.script()))) {
            String known = loaded.planKey() == null ? null : runs.planJsonFor(loaded.planKey());
            RunRecord run = runs.startRun(RunStart.of(loaded.script(), plan, rawArguments(args), known, loaded.planKey()));
            PlanRecording recording = known != null ? null : PlanRecording.start(runs, run.id(), plan);
            try {
                StoreRegistry.remember(runs.file(), io.err());
                return session.run(values, run.id(), runs, Journal.recording(runs, run.id(), cache));
            } finally {
                RuntimeException failure = recording == null ? null : recording.await();
                if (failure != null) {
                    io.err().println("orch: warning: the plan of run " + run.id() + " was not recorded (" + failure.getMessage()
                            + "); `orch resume " + run.id() + "` compiles the script again");
                }
            }
        }
    }

    /** The --arg values as given, recorded with the run so `orch resume` runs it with the same ones. */
    static Map<String, String> rawArguments(List<String> args) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) raw.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return raw;
    }

    /** {@code planKey}: null for a plan read from a file ({@link PlanKey}). */
    private record Loaded(Plan plan, Map<String, SourceFile> sources, Path folder, Path script, String planKey) {}

    private Loaded compile(Set<String> allowed) {
        SourceFile source = Sources.read(file, io.err());
        if (source == null) return null;
        CompileOptions options = CompileOptions.run(allowed);
        Compilation c = Compiler.compile(source, options);
        // -q keeps stderr for what went wrong: warnings show only when there are errors beside them.
        if (!c.diagnostics().isEmpty() && (!output.quiet || c.hasErrors())) io.err().println(c.render());
        if (c.hasErrors()) {
            io.err().println(DiagnosticRenderer.summary(c.errorCount(), c.warningCount()) + "; nothing was run");
            return null;
        }
        if (c.plan() == null) {
            io.err().println("orch: " + file + " has no workflow main to run");
            return null;
        }
        return new Loaded(c.plan(), c.sources(), root != null ? root.toAbsolutePath().normalize() : folderOf(file), file,
                PlanKey.of(c.sources(), options));
    }

    private Loaded loadPlan() {
        Plan plan;
        try {
            plan = PlanJson.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            io.err().println("orch: " + file + " is not a plan written by `orch compile`: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            io.err().println("orch: " + file + ": cannot read: " + e.getMessage());
            return null;
        }
        // The plan runs in its own folder (or --root), never in one its text names: a plan is data anyone could write.
        Path sandbox = root != null ? root.toAbsolutePath().normalize() : folderOf(file);
        Path sourcePath = PlanSandbox.script(plan.source().path(), sandbox);
        SourceFile source = null;
        if (Files.isRegularFile(sourcePath)) {
            source = Sources.read(sourcePath, io.err());
            if (source != null && !source.sha256().equals(plan.source().sha256()) && !force) {
                io.err().println("orch: " + sourcePath + " changed since the plan " + file + " was compiled from it;"
                        + " run `orch compile` again, or give --force to run the old plan");
                return null;
            }
        } else if (!force) {
            io.err().println("orch: the plan's script " + sourcePath + " is not there to check the plan against;"
                    + " give --force to run the plan anyway");
            return null;
        }
        return new Loaded(plan, source == null ? Map.of() : Map.of(plan.source().path(), source), sandbox, sourcePath, null);
    }

    private static Path folderOf(Path script) {
        Path parent = script.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /** --arg values converted to each parameter's declared type; null (after saying why) when one does not fit. */
    static Map<String, Value> arguments(WorkflowPlan main, List<String> args, PrintWriter err) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                err.println("orch: --arg " + a + ": write it as NAME=VALUE");
                return null;
            }
            String name = a.substring(0, eq);
            String text = a.substring(eq + 1);
            WorkflowPlan.Param param = main.params().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
            if (param == null) {
                err.println("orch: --arg " + name + ": main has no parameter '" + name + "'"
                        + (main.params().isEmpty() ? "; it takes none" : "; it has: "
                        + String.join(", ", main.params().stream().map(WorkflowPlan.Param::name).toList())));
                return null;
            }
            Value v = ArgValues.convert(param.type(), text);
            if (v == null) {
                err.println("orch: --arg " + name + "=" + text + ": '" + name + "' is a " + param.type()
                        + switch (param.type()) {
                            case "list" -> "; give it as JSON, like [\"a\", \"b\"]";
                            case "duration" -> "; give it as 30s, 250ms, 1.5m or 2h";
                            case "number" -> "; give it as a finite number, like 3 or 0.5";
                            default -> "";
                        });
                return null;
            }
            values.put(name, v);
        }
        for (WorkflowPlan.Param p : main.params()) {
            if (p.defaultValue() == null && !values.containsKey(p.name())) {
                err.println("orch: main needs a value for '" + p.name() + "': give --arg " + p.name() + "=VALUE");
                return null;
            }
        }
        return values;
    }

    static String runId() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    /**
     * The grants a plan's models need ({@link ModelGrants}), checked again at run time: a plan file is data anyone
     * could have written, and the compiler's check only saw the script it compiled. True after saying what is missing.
     */
    static boolean ungranted(Plan plan, Set<String> allowed, PrintWriter err) {
        List<String> problems = new ArrayList<>();
        for (ModelSpec m : plan.models()) {
            for (ModelGrants.Missing x : ModelGrants.missing(m.name(), m.provider(), m.baseUrl(), m.apiKeyEnv(), allowed)) {
                problems.add(x.message() + "; run it with --allow " + x.flag());
            }
        }
        problems.forEach(p -> err.println("orch: " + p));
        if (!problems.isEmpty()) err.println("orch: nothing was run");
        return !problems.isEmpty();
    }
}

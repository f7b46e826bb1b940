package dev.orch.cli;

import dev.orch.cli.terminal.Interactive;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.interpreter.Journal;
import dev.orch.interpreter.ModelKeys;
import dev.orch.interpreter.PlaceMap;
import dev.orch.interpreter.PlanDiff;
import dev.orch.interpreter.ResumeForecast;
import dev.orch.interpreter.store.RunRecord;
import dev.orch.interpreter.store.RunStore;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a failed, killed or waiting run without paying again for the calls that finished.",
            "",
            "Runs the script as it is now, with the same arguments, under the same run id. Each journaled call whose "
                + "request is unchanged (its place in the script, agent, model, system, prompt, options, tools and "
                + "output type) is replayed from the journal: no call, no cost; the others are made and journaled. "
                + "When the script changed, it first prints what changed, what will be replayed and what runs again, "
                + "and asks before a call with a journaled reply runs again (--yes answers). --recorded runs the "
                + "plan the run recorded instead. --from PHASE runs that phase and everything after it again."},
        footer = {"", "RUN is a run id from `orch runs`, or any unique start of one. The store is --store PATH, else "
                + "$ORCH_STORE, else every store `orch run` recorded a run in (and .orch/runs.db in the current folder).",
            "", "Exit: 0 the run succeeded, 1 it failed, 2 the run cannot be resumed (not found, still running, its "
                + "script does not compile, calls would run again and nobody said yes, the store cannot be read).",
            "Example:  orch resume 20261125-0853 --yes"})
final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Streams io;

    @Parameters(index = "0", paramLabel = "RUN", description = "the run id, or a unique prefix of it")
    String runId;

    @Option(names = "--from", paramLabel = "PHASE", description = "run this phase and everything after it again")
    String fromPhase;

    @Option(names = {"--recorded", "--force"}, description = "run the plan the run recorded, not the script as it is now (--force: its old name)")
    boolean recorded;

    @Option(names = {"-y", "--yes"}, description = "when the script changed, run again the calls it changed without asking")
    boolean yes;

    @Option(names = "--store", paramLabel = "PATH", description = "only this run store file (default: $ORCH_STORE, else every store runs were recorded in)")
    Path store;

    @Mixin
    CapabilityOptions grants = new CapabilityOptions();

    @Mixin
    RunOutputOptions output = new RunOutputOptions();

    @Option(names = "--cache", description = "answer calls that are not in the journal from the reply cache when it has them")
    boolean cache;

    @Override
    public Integer call() {
        io = Main.streams(spec);
        Set<String> allowed = grants.granted();
        if (allowed == null) return 2;
        Stores.Found found = Stores.find(store, runId, io.err());
        if (found == null) return 2;
        try (RunStore runs = found.store()) {
            RunRecord run = found.run();
            Plan plan = runs.plan(run.id());
            Plan edited = null;
            Plan unrecorded = null; // the plan compiled again for a run stopped before its plan was recorded
            Path script = Path.of(run.script());
            Map<String, SourceFile> sources = Map.of();
            if (Files.isRegularFile(script)) {
                SourceFile source = Sources.read(script, io.err());
                if (source == null) return 2;
                boolean same = source.sha256().equals(run.planSha256());
                if (!same && !recorded && plan == null) {
                    io.err().println("orch: run " + run.id() + " was stopped before its plan was recorded, and " + run.script()
                            + " changed since: what the run finished cannot be matched to the script as it is now;"
                            + " put the script back as it was to resume, or run it again");
                    return 2;
                }
                if (!same && !recorded) {
                    Compilation now = Compiler.compile(source, CompileOptions.run(allowed));
                    if (now.plan() == null || now.hasErrors()) {
                        if (!now.diagnostics().isEmpty()) io.err().println(now.render());
                        io.err().println("orch: " + run.script() + " changed since run " + run.id() + " started and does"
                                + " not compile now; fix it, or give --recorded to resume the plan the run recorded");
                        return 2;
                    }
                    if (!confirmed(run, plan, now.plan(), runs)) return 2;
                    edited = now.plan();
                    sources = now.sources();
                } else if (same) {
                    // Error messages quote the script; only when it is the one the plan came from.
                    Compilation again = Compiler.compile(source, CompileOptions.run(allowed));
                    sources = again.sources();
                    if (plan == null && !again.hasErrors()) plan = unrecorded = again.plan();
                }
            } else if (!recorded) {
                io.err().println("orch: the script of run " + run.id() + ", " + script + ", is not there any more;"
                        + " give --recorded to resume the recorded plan anyway");
                return 2;
            }
            if (plan == null && edited == null) {
                io.err().println("orch: run " + run.id() + " was stopped before its plan was recorded, and its script "
                        + run.script() + " is not there as it was then; there is no plan to resume");
                return 2;
            }
            if (edited != null) plan = edited;
            WorkflowPlan main = plan.workflow("main");
            if (main == null) {
                io.err().println("orch: the plan " + (edited == null ? "recorded for" : "of the script of") + " run "
                        + run.id() + " has no workflow main");
                return 2;
            }
            List<String> args = new ArrayList<>();
            run.args().forEach((k, v) -> args.add(k + "=" + v));
            Map<String, Value> values = RunCommand.arguments(main, args, io.err());
            if (values == null) return 2;
            List<String> missingKeys = ModelKeys.missing(plan, Env.system());
            if (!missingKeys.isEmpty()) {
                missingKeys.forEach(m -> io.err().println("orch: " + m));
                io.err().println("orch: nothing was run");
                return 2;
            }
            if (RunCommand.ungranted(plan, allowed, io.err())) return 2;
            runs.resumeRun(run.id(), fromPhase, edited != null ? edited : unrecorded,
                    edited == null ? null : PlaceMap.between(runs.plan(run.id()), edited)::now);
            if (!output.quiet) {
                io.err().println("orch: resuming run " + run.id() + (fromPhase == null ? "" : " from phase \"" + fromPhase + "\"")
                        + (edited == null ? "" : " with the script as it is now"));
            }
            Path folder = script.toAbsolutePath().getParent();
            RunSession session = new RunSession(plan, sources, folder, allowed, output, io);
            return session.run(values, run.id(), runs, Journal.resuming(runs, run.id(), cache));
        }
    }

    /**
     * The script changed since the run started: says what changed, what will be replayed and what runs again, and
     * whether to go on. A call with a journaled reply that runs again costs money again, so that needs a yes: --yes,
     * or an answer on a terminal; with neither, the resume stops.
     */
    private boolean confirmed(RunRecord run, Plan recordedPlan, Plan now, RunStore runs) {
        List<String> changes = PlanDiff.between(recordedPlan, now);
        ResumeForecast forecast = ResumeForecast.of(recordedPlan, now, runs.journal(run.id()));
        boolean ask = forecast.runsAgain() && !yes;
        if (!output.quiet || ask) {
            io.err().println("orch: " + run.script() + " changed since run " + run.id() + " started; what changed:");
            if (changes.isEmpty()) io.err().println("  no statement or declaration (comments or layout only)");
            changes.stream().limit(20).forEach(c -> io.err().println("  " + c));
            if (changes.size() > 20) io.err().println("  ... and " + (changes.size() - 20) + " more");
            forecast.lines().forEach(l -> io.err().println("orch: " + l));
        }
        if (!ask) return true;
        String question = forecast.again().size() == 1 ? "Run that call again" : "Run those " + forecast.again().size() + " calls again";
        if (!Interactive.terminal()) {
            io.err().println("orch: nothing was run: give --yes to run them again with the script as it is now,"
                    + " or --recorded to resume the plan the run recorded");
            return false;
        }
        String answer = System.console().readLine("%s? [y/N] ", question);
        if (answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) return true;
        io.err().println("orch: nothing was run");
        return false;
    }
}

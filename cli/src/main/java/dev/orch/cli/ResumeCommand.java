package dev.orch.cli;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.interpreter.Journal;
import dev.orch.interpreter.ModelKeys;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a failed or killed run without paying again for the calls that finished.",
            "",
            "Runs the plan the run recorded, with the same arguments, under the same run id. Each agent call whose "
                + "reply is in the run's journal is replayed from it (no call, no cost); the others are made and "
                + "journaled. --from PHASE runs that phase and everything after it again."},
        footer = {"", "RUN is a run id from `orch runs`, or any unique start of one. The store is --store PATH, else "
                + "$ORCH_STORE, else every store `orch run` recorded a run in (and .orch/runs.db in the current folder).",
            "", "Exit: 0 the run succeeded, 1 it failed, 2 the run cannot be resumed (not found, still running, its "
                + "script changed without --force, the store cannot be read).",
            "Example:  orch resume 20261125-0853 --from build"})
final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "the run id, or a unique prefix of it")
    String runId;

    @Option(names = "--from", paramLabel = "PHASE", description = "run this phase and everything after it again")
    String fromPhase;

    @Option(names = "--force", description = "resume even though the script changed since the run started (the recorded plan runs)")
    boolean force;

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
        Set<String> allowed = grants.granted();
        if (allowed == null) return 2;
        Stores.Found found = Stores.find(store, runId);
        if (found == null) return 2;
        try (RunStore runs = found.store()) {
            RunRecord run = found.run();
            Plan plan = runs.plan(run.id());
            Path script = Path.of(run.script());
            Map<String, SourceFile> sources = Map.of();
            if (Files.isRegularFile(script)) {
                SourceFile source = Sources.read(script);
                if (source == null) return 2;
                boolean same = source.sha256().equals(run.planSha256());
                if (!same && !force) return changed(run, plan, source, allowed);
                // Error messages quote the script; only when it is the one the plan came from.
                if (same) sources = Compiler.compile(source, CompileOptions.run(allowed)).sources();
            } else if (!force) {
                System.err.println("orch: the script of run " + run.id() + ", " + script + ", is not there any more;"
                        + " give --force to resume the recorded plan anyway");
                return 2;
            }
            WorkflowPlan main = plan.workflow("main");
            if (main == null) {
                System.err.println("orch: the plan recorded for run " + run.id() + " has no workflow main");
                return 2;
            }
            List<String> args = new ArrayList<>();
            run.args().forEach((k, v) -> args.add(k + "=" + v));
            Map<String, Value> values = RunCommand.arguments(main, args);
            if (values == null) return 2;
            List<String> missingKeys = ModelKeys.missing(plan, Env.system());
            if (!missingKeys.isEmpty()) {
                missingKeys.forEach(m -> System.err.println("orch: " + m));
                System.err.println("orch: nothing was run");
                return 2;
            }
            if (RunCommand.ungranted(plan, allowed)) return 2;
            runs.resumeRun(run.id(), fromPhase);
            if (!output.quiet) {
                System.err.println("orch: resuming run " + run.id() + (fromPhase == null ? "" : " from phase \"" + fromPhase + "\""));
            }
            Path folder = script.toAbsolutePath().getParent();
            RunSession session = new RunSession(plan, sources, folder, allowed, output.plain, output.quiet, output.trace);
            return session.run(values, run.id(), runs, Journal.resuming(runs, run.id(), cache));
        }
    }

    /** Refuses a resume whose script changed, saying what changed between the recorded plan and the script now. */
    private int changed(RunRecord run, Plan recorded, SourceFile source, Set<String> allowed) {
        System.err.println("orch: " + run.script() + " changed since run " + run.id() + " started;"
                + " give --force to resume the recorded plan anyway, or `orch run` the script afresh");
        Compilation now = Compiler.compile(source, CompileOptions.run(allowed));
        if (now.plan() == null) {
            System.err.println("  (the script does not compile now: `orch check " + run.script() + "` says why)");
            return 2;
        }
        List<String> changes = PlanChanges.between(recorded, now.plan());
        if (changes.isEmpty()) {
            System.err.println("  no statement changed (comments or layout only); --force is safe");
        } else {
            System.err.println("  what changed, recorded plan (-) against the script now (+):");
            changes.stream().limit(20).forEach(c -> System.err.println("  " + c));
            if (changes.size() > 20) System.err.println("  ... and " + (changes.size() - 20) + " more");
        }
        return 2;
    }
}

package dev.orch.cli;

import dev.orch.cli.render.RunsTable;
import dev.orch.interpreter.store.Question;
import dev.orch.interpreter.store.RunRecord;
import dev.orch.interpreter.store.RunStatus;
import dev.orch.interpreter.store.RunStore;
import dev.orch.interpreter.store.StoreException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true, subcommands = RunsPruneCommand.class,
        description = {"List recorded runs, newest first.",
            "",
            "Each line: id, status, start, duration, calls, tokens, cost and script. A run is running, succeeded, "
                + "failed, waiting (for an answer to an `ask`: listed under the table with how to answer), or killed: "
                + "recorded as running, but its process is gone; `orch resume ID` continues it without paying again "
                + "for the calls that finished."},
        footer = {"", "The store is --store PATH, else $ORCH_STORE; else the runs of every store `orch run` recorded a run in "
                + "(it keeps one beside each script) and of .orch/runs.db in the current folder.",
            "", "Exit: 0, or 2 when the store cannot be read.",
            "Example:  orch runs --limit 5   then   orch show 20261125-0853-ab12",
            "          orch runs --status failed --script deploy.orch;   orch runs prune --older-than 30d",
            "          orch runs --engine temporal --temporal localhost:7233   (the Orch runs on Temporal: id, status, start, questions)"})
final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Streams io;

    @Option(names = "--store", paramLabel = "PATH", description = "only this run store file (default: $ORCH_STORE, else every store runs were recorded in)")
    Path store;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "show the N newest runs (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--all", description = "show every run")
    boolean all;

    @Option(names = "--status", paramLabel = "STATUS", description = "only runs with this status: running, succeeded, failed, killed or waiting")
    String status;

    @Option(names = "--script", paramLabel = "FILE", description = "only runs of this script")
    Path script;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "local (default), or temporal: list the Orch runs on Temporal")
    String engine;

    @Mixin
    TemporalOptions temporal = new TemporalOptions();

    @Override
    public Integer call() {
        io = Main.streams(spec);
        Engine where = Engine.of(engine, io.err());
        if (where == null) return 2;
        if (where == Engine.LOCAL && temporal.given()) {
            io.err().println("orch: --temporal, --namespace, --blobs and --tls* are for --engine temporal");
            return 2;
        }
        if (where == Engine.TEMPORAL) return TemporalCommands.runs(temporal, all ? 0 : limit, io);
        RunStatus wanted = null;
        if (status != null) {
            wanted = Arrays.stream(RunStatus.values()).filter(v -> v.label().equals(status)).findFirst().orElse(null);
            if (wanted == null) {
                io.err().println("orch: --status " + status + " is not a status; give running, succeeded, failed, killed or waiting");
                return 2;
            }
        }
        List<Path> stores = Stores.candidates(store);
        if (Stores.chosen(store) && Stores.missing(stores.get(0), io.err())) return 0;
        List<RunRecord> recorded = new ArrayList<>();
        Map<String, List<Question>> questions = new HashMap<>();
        boolean one = Stores.chosen(store) || stores.size() == 1;
        for (Path file : stores) {
            try (RunStore runs = RunStore.openToRead(file)) {
                List<RunRecord> found = runs.runs();
                recorded.addAll(found);
                for (RunRecord r : found) {
                    if (r.status() == RunStatus.WAITING) questions.put(r.id(), runs.questions().pending(r.id()));
                }
            } catch (StoreException e) {
                // The store the user named must work; among every store recorded, a damaged one is skipped, said.
                if (one) throw e;
                io.err().println("orch: warning: skipping a store: " + e.getMessage());
            }
        }
        RunStatus only = wanted;
        String onlyScript = script == null ? null : script.toAbsolutePath().normalize().toString();
        recorded.removeIf(r -> only != null && r.status() != only || onlyScript != null && !r.script().equals(onlyScript));
        recorded.sort(Comparator.comparing(RunRecord::startedAt).thenComparing(RunRecord::id).reversed());
        if (recorded.isEmpty()) {
            io.err().println("orch: no runs recorded in " + (stores.isEmpty() ? Stores.location(null)
                    : String.join(", ", stores.stream().map(Path::toString).toList())) + " yet");
            return 0;
        }
        List<RunRecord> shown = all || limit <= 0 ? recorded : recorded.subList(0, Math.min(limit, recorded.size()));
        io.out().print(RunsTable.render(shown, questions, Instant.now(), ZoneId.systemDefault(), Path.of("")));
        if (shown.size() < recorded.size()) {
            io.err().println("(" + shown.size() + " of " + recorded.size() + " runs; --all lists every one)");
        }
        return 0;
    }
}

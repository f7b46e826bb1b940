package dev.orch.cli;

import dev.orch.interpreter.store.RunRecord;
import dev.orch.interpreter.store.RunStore;
import dev.orch.interpreter.store.RunTree;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show one recorded run as a tree of phases and agent calls.",
            "",
            "Under each phase, each call with its status, when it started (from the run's start), how long it took, "
                + "its tokens and cost; a call that needed several attempts lists them with their errors."},
        footer = {"", "RUN is a run id from `orch runs`, or any unique start of one (20261125-0853). The store is "
                + "--store PATH, else $ORCH_STORE, else every store `orch run` recorded a run in (and .orch/runs.db in the current folder).",
            "", "Exit: 0, or 2 when the run or the store cannot be found or read."})
final class ShowCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "the run id, or a unique prefix of it")
    String runId;

    @Option(names = "--store", paramLabel = "PATH", description = "only this run store file (default: $ORCH_STORE, else every store runs were recorded in)")
    Path store;

    @Override
    public Integer call() {
        Stores.Found found = Stores.find(store, runId);
        if (found == null) return 2;
        try (RunStore runs = found.store()) {
            RunRecord run = found.run();
            System.out.print(RunTree.render(run, runs.journal(run.id()), runs.events(run.id()), Instant.now(),
                    ZoneId.systemDefault(), Path.of("")));
            return 0;
        }
    }
}

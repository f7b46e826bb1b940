package dev.orch.cli;

import dev.orch.interpreter.store.RunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Delete old runs from the run stores, with their journals.",
            "",
            "A run last heard from longer ago than --older-than goes, whether it succeeded, failed or was killed; one "
                + "still running or waiting for an answer stays, however old."},
        footer = {"", "Exit: 0, or 2 for a duration it cannot read or a store it cannot write.",
            "Example:  orch runs prune --older-than 30d"})
final class RunsPruneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Streams io;

    private static final Pattern DURATION = Pattern.compile("(\\d+)(d|h|m)");

    @Option(names = "--older-than", required = true, paramLabel = "AGE", description = "30d, 12h or 90m")
    String olderThan;

    @Option(names = "--store", paramLabel = "PATH", description = "only this run store file (default: $ORCH_STORE, else every store runs were recorded in)")
    Path store;

    @Override
    public Integer call() {
        io = Main.streams(spec);
        Matcher m = DURATION.matcher(olderThan);
        if (!m.matches()) {
            io.err().println("orch: --older-than " + olderThan + " is not an age; give days, hours or minutes: 30d, 12h, 90m");
            return 2;
        }
        long n = Long.parseLong(m.group(1));
        Duration age = switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
        List<Path> stores = Stores.candidates(store);
        if (Stores.chosen(store) && Stores.missing(stores.get(0), io.err())) return 0;
        int pruned = 0;
        for (Path file : stores) {
            try (RunStore runs = RunStore.open(file)) {
                pruned += runs.prune(Instant.now().minus(age)).size();
            }
        }
        io.out().println("pruned " + pruned + (pruned == 1 ? " run" : " runs") + " older than " + olderThan);
        return 0;
    }
}

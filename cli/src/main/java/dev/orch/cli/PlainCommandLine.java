package dev.orch.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The command lines typed most, `orch run FILE`, `orch plan FILE`, `orch check FILE...` with no option and `orch
 * --version`, made and called without picocli: picocli builds its model of a command by reflection, with a proxy for
 * each annotation, which took 60-120 ms of a 500 ms `orch run` (BENCHMARKS.md, start-up). The command objects are the
 * ones picocli would make, with the fields it would leave at their initial values; with no option given, no mixin
 * reports through picocli's model either. Anything else (an option, `--`, `@FILE`, help) goes to picocli as always.
 */
final class PlainCommandLine {
    private PlainCommandLine() {
    }

    /** The command these arguments name with only files after it, ready to call; null for anything else. */
    static Callable<Integer> command(String[] args, Streams io) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return () -> {
                for (String line : new Version().getVersion()) io.out().println(line);
                return 0;
            };
        }
        if (args.length < 2) return null;
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) return null;
            try {
                files.add(Path.of(a));
            } catch (InvalidPathException e) {
                return null; // picocli says what is wrong with it
            }
        }
        switch (args[0]) {
            case "run" -> {
                if (files.size() != 1) return null;
                RunCommand run = new RunCommand();
                run.file = files.get(0);
                return () -> run.call(io);
            }
            case "plan" -> {
                if (files.size() != 1) return null;
                PlanCommand plan = new PlanCommand();
                plan.file = files.get(0);
                return () -> plan.call(io);
            }
            case "check" -> {
                CheckCommand check = new CheckCommand();
                check.files = files;
                return () -> check.call(io);
            }
            default -> {
                return null;
            }
        }
    }

    /** Calls the command as picocli would: its exit code, or what {@link Failures} makes of what it threw. */
    static int call(Callable<Integer> command, Streams io) {
        try {
            Integer code = command.call();
            return code == null ? 0 : code;
        } catch (Exception e) {
            return Failures.of(e, io.err());
        }
    }
}

package dev.orch.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The command lines typed most, made and called without picocli: `orch run FILE` with at most the options typed most
 * (`--no-store`, `--store PATH`, `--arg NAME=VALUE`, `-q`), `orch plan FILE` and `orch check FILE...` with no option,
 * and `orch --version`. picocli builds its model of a command by reflection, with a proxy for each annotation, which
 * took 60-120 ms of a 500 ms `orch run` (BENCHMARKS.md, start-up). The command objects are the ones picocli would make,
 * with the fields it would set; no mixin reports through picocli's model. Anything else (another option, `--`, `@FILE`,
 * help) goes to picocli as always.
 */
final class PlainCommandLine {
    private PlainCommandLine() {
    }

    /** The command these arguments name, ready to call, when they are one of the lines above; null for anything else. */
    static Callable<Integer> command(String[] args, Streams io) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return () -> {
                for (String line : new Version().getVersion()) io.out().println(line);
                return 0;
            };
        }
        if (args.length < 2) return null;
        if (args[0].equals("run")) {
            RunCommand run = run(args);
            return run == null ? null : () -> run.call(io);
        }
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) return null;
            Path file = path(a);
            if (file == null) return null;
            files.add(file);
        }
        switch (args[0]) {
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

    /**
     * `orch run FILE` with, in any order, the options typed most, each in its plainest form and at most once (`--arg`
     * as often as wanted): `--no-store`, `--store PATH`, `--arg NAME=VALUE`, `-q`/`--quiet`. Null for anything else,
     * so picocli reads it and says what is wrong: another option, `--store=PATH`, an option given twice, a value that
     * is missing or looks like an option.
     */
    private static RunCommand run(String[] args) {
        RunCommand run = new RunCommand();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--no-store" -> {
                    if (run.noStore) return null;
                    run.noStore = true;
                }
                case "-q", "--quiet" -> {
                    if (run.output.quiet) return null;
                    run.output.quiet = true;
                }
                case "--store", "--arg" -> {
                    String value = i + 1 < args.length ? args[++i] : null;
                    if (value == null || value.isEmpty() || value.startsWith("-") || value.startsWith("@")) return null;
                    if (a.equals("--arg")) {
                        run.args.add(value);
                    } else {
                        if (run.store != null) return null;
                        run.store = path(value);
                        if (run.store == null) return null;
                    }
                }
                default -> {
                    if (a.isEmpty() || a.startsWith("-") || a.startsWith("@") || run.file != null) return null;
                    run.file = path(a);
                    if (run.file == null) return null;
                }
            }
        }
        return run.file == null ? null : run;
    }

    /** Null for a text no path can be: picocli says what is wrong with it. */
    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
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

package dev.orch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The workload the launcher's start-up archive is trained on: in one JVM, the commands a user starts most (`--version`,
 * `check`, `plan`, `run` with and without a store) on a copy of a script in a scratch folder, output discarded. The
 * JVM running it records which classes these load, so the next `orch` maps them in instead of loading them again.
 * Started only by the launcher, in the background (scripts/train-startup); never part of a user's command.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining SCRIPT.orch");
            System.exit(2);
        }
        Path scratch = Files.createTempDirectory("orch-training");
        try {
            Path script = Files.copy(Path.of(args[0]), scratch.resolve("training.orch"));
            String file = script.toString();
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true);
            InputStream nothing = InputStream.nullInputStream();
            Main.execute(nothing, discard, discard, "--version");
            Main.execute(nothing, discard, discard, "check", file);
            Main.execute(nothing, discard, discard, "plan", file);
            Main.execute(nothing, discard, discard, "run", "--no-store", file);
            Main.execute(nothing, discard, discard, "run", "--store", scratch.resolve("runs.db").toString(), file);
            // As a user types it (PlainCommandLine), into the store beside the script: the first run records its plan,
            // the second finds it recorded, as every later run of an unchanged script does.
            Main.execute(nothing, discard, discard, "run", file);
            Main.execute(nothing, discard, discard, "run", file);
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0); // as every command ends: what exiting loads (Runtime.exit's logger) goes into the archive too
    }
}

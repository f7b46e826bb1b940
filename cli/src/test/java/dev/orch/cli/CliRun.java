package dev.orch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One run of the CLI through {@link Main#execute}, with what it wrote to stdout and stderr. Every test that runs a
 * command goes through here, so none writes the store registry in the real home: {@link #HOME} stands in for it.
 */
record CliRun(int exitCode, String stdout, String stderr) {
    /** The ORCH_HOME of every command run by the tests, in-process ({@link StoreRegistry#HOME_PROPERTY}) or not. */
    static final Path HOME = testHome();

    private static Path testHome() {
        try {
            Path home = Files.createTempDirectory("orch-home");
            System.setProperty(StoreRegistry.HOME_PROPERTY, home.toString());
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized CliRun of(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new CliRun(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** The id of the newest run in {@code store}, as `orch runs` lists it first. */
    static String newestRun(Path store) {
        return of("runs", "--store", store.toString()).stdout().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
    }

    /** A child orch process that keeps its store registry in {@link #HOME} too. */
    static ProcessBuilder process(java.util.List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put(StoreRegistry.HOME_ENV, HOME.toString());
        return pb;
    }
}

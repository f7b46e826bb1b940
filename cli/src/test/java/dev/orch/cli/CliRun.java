package dev.orch.cli;

import java.io.ByteArrayInputStream;
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
public record CliRun(int exitCode, String stdout, String stderr) {
    /** The ORCH_HOME of every command run by the tests, in-process ({@link StoreRegistry#HOME_PROPERTY}) or not. */
    public static final Path HOME = testHome();

    private static Path testHome() {
        try {
            Path home = Files.createTempDirectory("orch-home");
            System.setProperty(StoreRegistry.HOME_PROPERTY, home.toString());
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CliRun of(String... args) {
        return withInput("", args);
    }

    /**
     * {@code stdin} as the command's standard input. Each command gets its own streams (picocli's out and err), so
     * tests run commands side by side without swapping System.out.
     */
    public static CliRun withInput(String stdin, String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = Main.execute(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8), args);
        return new CliRun(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    /** The id of the newest run in {@code store}, as `orch runs` lists it first. */
    public static String newestRun(Path store) {
        return of("runs", "--store", store.toString()).stdout().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
    }

    /** A child orch process that keeps its store registry in {@link #HOME} too. */
    static ProcessBuilder process(java.util.List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put(StoreRegistry.HOME_ENV, HOME.toString());
        return pb;
    }
}

package dev.orch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An `orch` command in a JVM of its own (the test's classpath, {@link Main}), its stdout and stderr in files so a
 * test can read them while it runs, or after {@link #kill()} (SIGKILL: no shutdown hook, nothing flushed).
 */
final class OrchProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String name;

    private OrchProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code orch ARGS} in {@code dir} with {@code env} added to this process's environment. */
    static OrchProcess orch(String name, Path dir, Map<String, String> env, String... args) {
        return java(name, dir, env, Main.class.getName(), args);
    }

    /** Starts {@code mainClass ARGS} on the test's classpath. */
    static OrchProcess java(String name, Path dir, Map<String, String> env, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), mainClass));
        // As the launcher starts the Temporal commands: gRPC's netty and protobuf may use sun.misc.Unsafe quietly.
        if (Runtime.version().feature() >= 23) command.add(1, "--sun-misc-unsafe-memory-access=allow");
        command.addAll(List.of(args));
        ProcessBuilder pb = CliRun.process(command).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.environment().remove("ORCH_STORE");
        Path out = dir.resolve(name + ".out"), err = dir.resolve(name + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        try {
            return new OrchProcess(name, pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the process to end; its exit code, or fails the test with what it printed. */
    int waitFor(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not end within " + limit + "; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** Waits until its stderr or stdout shows what {@code seen} looks for. */
    void awaitOutput(Predicate<String> seen, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!seen.test(stdout() + stderr())) {
            if (!process.isAlive()) throw new AssertionError(name + " ended (" + process.exitValue() + "):\n" + stdout() + "\n" + stderr());
            if (System.nanoTime() > deadline) throw new AssertionError(name + " did not show it in " + limit + ":\n" + stdout() + "\n" + stderr());
            Thread.sleep(50);
        }
    }

    /** SIGKILL, as the kernel's OOM killer or a lost machine would end it. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}

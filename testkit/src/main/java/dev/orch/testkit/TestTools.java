package dev.orch.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real components tests meet (Debian's chromium, graphviz and neovim; the reference MCP servers from npm), installed
 * by `scripts/install-test-tools`, which a test runs itself when one is missing. A test that needs one that cannot be
 * had skips, saying so in one line.
 */
public final class TestTools {
    private static final Object INSTALLING = new Object();
    private static volatile boolean installTried;

    private TestTools() {}

    /** Where the npm packages go: `$ORCH_TEST_TOOLS`, default `~/.cache/orch/test-tools`. */
    public static Path folder() {
        String set = System.getenv("ORCH_TEST_TOOLS");
        return set != null && !set.isBlank() ? Path.of(set) : Path.of(System.getProperty("user.home"), ".cache", "orch", "test-tools");
    }

    /**
     * A program from a Debian package, such as {@code program("chromium", "chromium", "chromium-browser")}: the first
     * name found on the PATH, after installing the package if none is; the test skips if it still cannot be found.
     */
    public static Path program(String debianPackage, String... names) {
        Optional<Path> found = onPath(names);
        if (found.isEmpty()) {
            install();
            found = onPath(names);
        }
        Assumptions.assumeTrue(found.isPresent(), "skipped: Debian's " + debianPackage
                + " is not installed and scripts/install-test-tools could not install it");
        return found.get();
    }

    /** The entry script of an npm MCP server package, such as `@modelcontextprotocol/server-filesystem`. */
    public static Path npmServer(String pkg) {
        Assumptions.assumeTrue(onPath("node").isPresent(), "skipped: node is not on the PATH, so the MCP server " + pkg + " cannot run");
        Path script = npmScript(pkg);
        if (!Files.isRegularFile(script)) install();
        Assumptions.assumeTrue(Files.isRegularFile(script), "skipped: " + pkg + " is not installed in " + folder()
                + " (scripts/install-test-tools could not install it)");
        return script;
    }

    /** The installed entry script of an npm server package, or empty where it or node is missing (no install tried). */
    public static Optional<Path> installedNpmServer(String pkg) {
        Path script = npmScript(pkg);
        return onPath("node").isPresent() && Files.isRegularFile(script) ? Optional.of(script) : Optional.empty();
    }

    /**
     * {@code source} with its `npx -y` start of the npm server {@code pkg} (`command: "npx", args: ["-y", "PKG", ...`)
     * replaced by node running the installed {@code script}, so it runs offline.
     */
    public static String withInstalledNpmServer(String source, String pkg, Path script) {
        String npx = "command: \"npx\", args: [\"-y\", \"" + pkg + "\", ";
        org.assertj.core.api.Assertions.assertThat(source).contains(npx);
        return source.replace(npx, "command: \"" + node() + "\", args: [\"" + script + "\", ");
    }

    public static Path node() {
        return onPath("node").orElseThrow(() -> new AssertionError("node is not on the PATH"));
    }

    public static Optional<Path> onPath(String... programs) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String program : programs) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, program);
                if (Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Path npmScript(String pkg) {
        return folder().resolve("node_modules").resolve(pkg).resolve("dist").resolve("index.js");
    }

    /** Runs scripts/install-test-tools once per test JVM (it is idempotent, and slow when it has work to do). */
    private static void install() {
        synchronized (INSTALLING) {
            if (installTried) return;
            installTried = true;
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isRegularFile(dir.resolve("scripts/install-test-tools"))) dir = dir.getParent();
            if (dir == null) return;
            try {
                new ProcessBuilder(List.of("bash", dir.resolve("scripts/install-test-tools").toString())).inheritIO().start()
                        .waitFor(10, TimeUnit.MINUTES);
            } catch (IOException e) {
                // The assumption that follows says what is missing.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

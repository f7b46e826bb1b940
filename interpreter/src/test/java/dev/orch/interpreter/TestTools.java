package dev.orch.interpreter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The real components tests meet, installed by `scripts/install-test-tools` into `$ORCH_TEST_TOOLS` (default
 * `~/.cache/orch/test-tools`). A test that needs one that cannot be had skips, saying so in one line.
 */
final class TestTools {
    private TestTools() {}

    static Path folder() {
        String set = System.getenv("ORCH_TEST_TOOLS");
        return set != null && !set.isBlank() ? Path.of(set) : Path.of(System.getProperty("user.home"), ".cache", "orch", "test-tools");
    }

    /** The entry script of an npm MCP server package, such as `@modelcontextprotocol/server-filesystem`. */
    static Path npmServer(String pkg) {
        Path node = onPath("node").orElse(null);
        Assumptions.assumeTrue(node != null, "skipped: node is not on the PATH, so the MCP server " + pkg + " cannot run");
        Path script = folder().resolve("node_modules").resolve(pkg).resolve("dist").resolve("index.js");
        if (!Files.isRegularFile(script)) install();
        Assumptions.assumeTrue(Files.isRegularFile(script), "skipped: " + pkg + " is not installed in " + folder()
                + " (scripts/install-test-tools could not install it)");
        return script;
    }

    static String node() {
        return onPath("node").orElseThrow().toString();
    }

    private static void install() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts/install-test-tools"))) dir = dir.getParent();
        if (dir == null) return;
        try {
            new ProcessBuilder("bash", dir.resolve("scripts/install-test-tools").toString()).inheritIO().start().waitFor();
        } catch (IOException e) {
            // The assumption that follows says what is missing.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }
}

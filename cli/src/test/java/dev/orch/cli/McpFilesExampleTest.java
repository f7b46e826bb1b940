package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/mcp-files.orch against the real filesystem MCP server, as `orch run --allow shell` runs it. The example
 * starts the server with `npx -y`, which may need the network; the test starts the copy that
 * scripts/install-test-tools installed (in $ORCH_TEST_TOOLS, default ~/.cache/orch/test-tools) with node instead,
 * and skips, saying why in one line, when node or the package is missing.
 */
class McpFilesExampleTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "mcp-files.orch");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "examples", "mcp-files.stdout");
    private static final String NPX = "command: \"npx\", args: [\"-y\", \"@modelcontextprotocol/server-filesystem\", ";

    @TempDir
    Path dir;

    @Test
    void anAgentListsAndReadsTheLibraryThroughTheServer() throws IOException {
        Path server = installedServer();
        String source = Files.readString(EXAMPLE);
        assertThat(source).contains(NPX);
        Files.writeString(dir.resolve("mcp-files.orch"), source.replace(NPX,
                "command: \"" + node() + "\", args: [\"" + server + "\", "));
        Files.createDirectories(dir.resolve("lib"));
        Files.copy(Path.of("..", "examples", "lib", "reviewers.orch"), dir.resolve("lib/reviewers.orch"));

        CliRun r = CliRun.of("run", "--quiet", dir.resolve("mcp-files.orch").toString(), "--allow", "shell", "--no-store");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        if (Boolean.getBoolean("golden.update")) Files.writeString(GOLDEN, r.stdout());
        assertThat(r.stdout()).isEqualTo(Files.readString(GOLDEN));
    }

    @Test
    void withoutTheShellGrantTheRunIsRefusedAtTheCommand() {
        CliRun r = CliRun.of("run", "--quiet", EXAMPLE.toString(), "--no-store");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("the mcp server files runs a program, which needs `--allow shell`");
    }

    private static Path installedServer() {
        Assumptions.assumeTrue(node() != null, "skipped: node is not on the PATH, so the filesystem MCP server cannot run");
        Assumptions.assumeTrue(Files.isRegularFile(serverScript()), "skipped: @modelcontextprotocol/server-filesystem is not installed in "
                + serverScript() + "; run scripts/install-test-tools");
        return serverScript();
    }

    /** The filesystem server that scripts/install-test-tools installed, or null when it or node is missing. */
    static Path installedServerOrNull() {
        return node() != null && Files.isRegularFile(serverScript()) ? serverScript() : null;
    }

    private static Path serverScript() {
        String set = System.getenv("ORCH_TEST_TOOLS");
        Path tools = set != null && !set.isBlank() ? Path.of(set) : Path.of(System.getProperty("user.home"), ".cache", "orch", "test-tools");
        return tools.resolve("node_modules/@modelcontextprotocol/server-filesystem/dist/index.js");
    }

    static String node() {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "node"))) return Path.of(d, "node").toString();
        }
        return null;
    }
}

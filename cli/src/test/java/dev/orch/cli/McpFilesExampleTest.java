package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.testkit.Golden;
import dev.orch.testkit.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final Path GOLDEN = Golden.resources("examples").resolve("mcp-files.stdout");
    static final String SERVER = "@modelcontextprotocol/server-filesystem";

    @TempDir
    Path dir;

    @Test
    void anAgentListsAndReadsTheLibraryThroughTheServer() throws IOException {
        Path server = TestTools.npmServer(SERVER);
        Files.writeString(dir.resolve("mcp-files.orch"), TestTools.withInstalledNpmServer(Files.readString(EXAMPLE), SERVER, server));
        Files.createDirectories(dir.resolve("lib"));
        Files.copy(Path.of("..", "examples", "lib", "reviewers.orch"), dir.resolve("lib/reviewers.orch"));

        CliRun r = CliRun.of("run", "--quiet", dir.resolve("mcp-files.orch").toString(), "--allow", "shell", "--no-store");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Golden.assertMatches(GOLDEN, r.stdout());
    }

    @Test
    void withoutTheShellGrantTheRunIsRefusedAtTheCommand() {
        CliRun r = CliRun.of("run", "--quiet", EXAMPLE.toString(), "--no-store");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("the mcp server files runs a program, which needs `--allow shell`");
    }
}

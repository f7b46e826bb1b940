package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.testkit.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every script in examples/ runs offline and prints what its golden file says
 * (cli/src/test/resources/examples/NAME.stdout; rewrite with -Dgolden.update=true and review the diff).
 */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path GOLDEN = Golden.resources("examples");
    /** Examples that cannot run offline yet, and why; each is still compiled by the compiler's tests. */
    private static final Map<String, String> NOT_RUN = Map.of(
            "all-constructs", "a tour of the syntax: it needs --allow shell and --allow net, and calls http on the network, which"
                    + " tests do not reach; EngineParityTest runs it to its end against a loopback server",
            "mcp-files", "starts the filesystem MCP server with npx (--allow shell); McpFilesExampleTest runs it against the installed one",
            "real-openai", "calls the real OpenAI API: needs OPENAI_API_KEY and the network (tests use MockWebServer)",
            "real-anthropic", "calls the real Anthropic API: needs ANTHROPIC_API_KEY and the network (tests use MockWebServer)");

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".orch")).sorted()
                    .map(n -> n.substring(0, n.length() - ".orch".length())).filter(n -> !NOT_RUN.containsKey(n))
                    .toList().stream();
        }
    }

    @TempDir
    Path store;

    @ParameterizedTest
    @MethodSource("examples")
    void runsAndPrintsWhatItsGoldenFileSays(String name) throws IOException {
        // The run store goes to a temporary folder: the build leaves examples/ as it found it.
        CliRun r = CliRun.of("run", "--quiet", EXAMPLES.resolve(name + ".orch").toString(), "--store", store.resolve("runs.db").toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Golden.assertMatches(GOLDEN.resolve(name + ".stdout"), r.stdout());
    }
}

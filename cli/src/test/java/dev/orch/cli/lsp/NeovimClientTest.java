package dev.orch.cli.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.cli.Main;
import dev.orch.testkit.TestTools;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client no one here wrote: Neovim, headless, starts the real `orch lsp` process (this build's classes in a JVM of
 * their own), opens a script with an error and prints the diagnostic it was sent and where a name is defined.
 */
class NeovimClientTest {
    @TempDir
    Path dir;

    @Test
    void neovimShowsTheDiagnosticAndFindsTheDefinition() throws Exception {
        String nvim = TestTools.program("neovim", "nvim").toString();
        Path script = dir.resolve("review.orch");
        Files.writeString(script, """
                model fast = mock(latency: 1ms)
                agent reviewer { model: fast }

                workflow main() {
                  review = reviewer("Review the draft")
                  print reveiw
                }
                """);
        Path command = dir.resolve("orch-lsp.cmd");
        Files.write(command, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "lsp"));
        Path out = dir.resolve("nvim.out");
        ProcessBuilder pb = new ProcessBuilder(nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n",
                "-c", "luafile " + luaScript()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nvim.log").toFile());
        pb.environment().put("ORCH_FILE", script.toString());
        pb.environment().put("ORCH_CMD", command.toString());
        pb.environment().put("ORCH_OUT", out.toString());
        pb.environment().put("ORCH_LINE", "4");   // 0-based: `review = reviewer(...)`
        pb.environment().put("ORCH_COL", "12");   // inside `reviewer`
        Process p = pb.start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        assertThat(ended).as("nvim ended; its log: " + Files.readString(dir.resolve("nvim.log"))).isTrue();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).containsExactly(
                "diagnostic 6:9 undefined name 'reveiw' / hint: did you mean 'review'?",
                "definition " + script + ":2:7");
    }

    private static Path luaScript() throws URISyntaxException {
        return Path.of(NeovimClientTest.class.getResource("/lsp/nvim-client.lua").toURI());
    }
}

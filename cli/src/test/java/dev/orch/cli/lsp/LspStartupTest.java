package dev.orch.cli.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The other commands do not pay for the language server: lsp4j's classes load only when `orch lsp` runs. */
class LspStartupTest {
    @Test
    void versionLoadsNoLsp4jClassAndLspDoes() throws Exception {
        assertThat(classesLoaded("--version")).doesNotContain("org.eclipse.lsp4j", "com.google.gson");
        // The same probe sees them when the server starts (its input closed at once, so it ends).
        assertThat(classesLoaded("lsp")).contains("org.eclipse.lsp4j.launch.LSPLauncher");
    }

    private static String classesLoaded(String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-verbose:class",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), command)
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(List.of(0, 1)).contains(p.exitValue());
        return out;
    }
}

package dev.orch.compiler;

import dev.orch.compiler.diag.DiagnosticRenderer;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.load.SourceReader;
import dev.orch.testkit.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each script under src/test/resources/diagnostics/ is checked and its rendered diagnostics compared with the file
 * of the same name ending in .expected: the exact text a user sees from `orch check`, caret and hint included.
 * Files under diagnostics/imports/ are only imported by these scripts, never checked on their own.
 */
class GoldenDiagnosticsTest {
    static Stream<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(Golden.resources("diagnostics"))) {
            return files.filter(p -> p.toString().endsWith(".orch") && Files.isRegularFile(p)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void diagnosticsMatchTheGoldenFile(Path script) throws IOException {
        String name = script.getFileName().toString();
        SourceFile source = new SourceFile(name, Files.readString(script, StandardCharsets.UTF_8));
        // Imports resolve inside the diagnostics folder, and are reported by their path relative to it.
        Compilation c = Compiler.compileWithTests(source, CompileOptions.CHECK, SourceReader.under(Golden.resources("diagnostics")));
        String actual = c.render() + DiagnosticRenderer.summary(c.errorCount(), c.warningCount()) + "\n";
        Golden.assertMatches(script.resolveSibling(name.replaceFirst("\\.orch$", ".expected")), actual);
    }
}

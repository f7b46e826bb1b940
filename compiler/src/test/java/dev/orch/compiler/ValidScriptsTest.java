package dev.orch.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.diag.SourceFile;
import dev.orch.testkit.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scripts that follow the rules compile without a single diagnostic: the scoping cases under
 * src/test/resources/valid/ (each file says what it shows) and the runnable examples at the repository root.
 */
class ValidScriptsTest {
    static Stream<Path> validScripts() throws IOException {
        return list(Golden.resources("valid"));
    }

    static Stream<Path> examples() throws IOException {
        return list(Path.of("..", "examples"));
    }

    private static Stream<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".orch") && Files.isRegularFile(p)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validScripts")
    void scopingCasesGiveNoDiagnostics(Path script) throws IOException {
        Compilation c = Compiler.compileWithTests(SourceFile.read(script), CompileOptions.CHECK);
        assertThat(c.render()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void examplesHaveNoErrors(Path script) throws IOException {
        Compilation c = Compiler.compileWithTests(SourceFile.read(script), CompileOptions.CHECK);
        assertThat(c.diagnostics().stream().filter(d -> d.isError()).toList()).as(c.render()).isEmpty();
    }
}

package dev.orch.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Imports resolve against the importing file's folder, load once each, and bring their declarations in. */
class ImportLoadingTest {
    private static Compilation compile(String root, Map<String, String> files) {
        return Compiler.compile(new SourceFile("app/main.orch", root), CompileOptions.CHECK, path -> {
            String text = files.get(path);
            if (text == null) throw new NoSuchFileException(path);
            return new SourceFile(path, text);
        });
    }

    @Test
    void nestedImportsResolveAgainstTheirOwnFolder() {
        Compilation c = compile("""
                import "lib/agents.orch"
                workflow main() { print writer("hi") }
                """, Map.of(
                "app/lib/agents.orch", "import \"../shared/models.orch\"\nagent writer { model: fast }\n",
                "app/shared/models.orch", "model fast = mock()\n"));
        assertThat(c.render()).isEmpty();
        assertThat(c.sources()).containsOnlyKeys("app/main.orch", "app/lib/agents.orch", "app/shared/models.orch");
        assertThat(c.programs()).hasSize(3);
    }

    @Test
    void aFileImportedTwiceIsLoadedOnce() {
        Compilation c = compile("""
                import "a.orch"
                import "b.orch"
                workflow main() { print writer("hi") }
                """, Map.of(
                "app/a.orch", "import \"models.orch\"\nagent writer { model: fast }\n",
                "app/b.orch", "import \"models.orch\"\n",
                "app/models.orch", "model fast = mock()\n"));
        assertThat(c.render()).isEmpty();
        assertThat(c.programs()).hasSize(4);
    }

    @Test
    void aScriptImportingItselfIsACycle() {
        Compilation c = compile("import \"main.orch\"\nworkflow main() { }\n", Map.of());
        assertThat(c.diagnostics()).singleElement().satisfies(d ->
                assertThat(d.message()).isEqualTo("import cycle: app/main.orch -> app/main.orch"));
    }

    @Test
    void aDiagnosticInAnImportShowsThatFilesLine() {
        Compilation c = compile("import \"lib.orch\"\nworkflow main() { print w(\"x\") }\n",
                Map.of("app/lib.orch", "model fast = mock()\nagent w { model: fsat }\n"));
        assertThat(c.render()).contains("app/lib.orch:2:18: error: unknown model 'fsat'\nagent w { model: fsat }\n");
    }

    @Test
    void aSyntaxErrorInAnImportStopsTheChecks() {
        Compilation c = compile("import \"lib.orch\"\nworkflow main() { print w(\"x\") }\n",
                Map.of("app/lib.orch", "agent w { model: }\n"));
        assertThat(c.errorCount()).isEqualTo(1);
        assertThat(c.diagnostics().get(0).span().file()).isEqualTo("app/lib.orch");
    }
}

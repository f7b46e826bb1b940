package dev.orch.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.GeneratedScript;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.load.StandardLibrary;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** `import "std/..."` reads modules shipped in the jar; run()'s generated source sees its caller's declarations. */
class StandardLibraryTest {
    private static Compilation compile(String root) {
        return Compiler.compile(new SourceFile("app/main.orch", root), CompileOptions.CHECK, path -> {
            throw new NoSuchFileException(path);
        });
    }

    @Test
    void everyStandardModuleCompilesCleanlyOnceTheScriptDeclaresStdModel() {
        for (String module : StandardLibrary.MODULES) {
            Compilation c = compile("import \"" + module + "\"\nmodel std_model = mock()\n");
            assertThat(c.render()).as(module).isEmpty();
            assertThat(c.sources()).as(module).containsKey(module);
        }
    }

    @Test
    void modulesThatShareAnImportLoadItOnceFromTheJarNotTheDisk() {
        Compilation c = compile("""
                import "std/review.orch"
                import "std/fan_out.orch"
                model std_model = mock()
                workflow main() {
                  print review_loop("a haiku", rounds: 2)
                  print fan_out(["a", "b"], at_once: 2)
                }
                """);
        assertThat(c.render()).isEmpty();
        assertThat(c.sources()).containsOnlyKeys("app/main.orch", "std/review.orch", "std/roles.orch", "std/fan_out.orch");
        assertThat(c.plan().agent("reviewer").model()).isEqualTo("std_model");
    }

    @Test
    void generatedSourceSeesTheCallersDeclarationsAndItsStandardImportsOnce() {
        Compilation caller = compile("""
                import "std/roles.orch"
                model std_model = mock()
                model fast = mock(rules: { "x": "y" }, latency: 5ms)
                breaker flaky { failures: 3, window: 1m, cooldown: 30s }
                agent critic extends reviewer { model: fast, breaker: flaky, timeout: 20s }
                workflow main() { print critic("hi") }
                """);
        assertThat(caller.render()).isEmpty();
        Compilation generated = GeneratedScript.compile("""
                import "std/roles.orch"
                agent harsh extends critic { system: "Be harsh." }
                workflow main(x: text) { return harsh(worker(x)) }
                """, caller.plan(), CompileOptions.run(java.util.Set.of()));
        assertThat(generated.render()).isEmpty();
        assertThat(generated.plan().agent("harsh").breaker()).isEqualTo("flaky");
        assertThat(generated.plan().agent("harsh").timeoutMs()).isEqualTo(20_000L);
        assertThat(generated.plan().model("fast").mock()).isEqualTo(caller.plan().model("fast").mock());
    }
}

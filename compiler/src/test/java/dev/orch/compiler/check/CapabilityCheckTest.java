package dev.orch.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.SourceFile;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** `sh` and `http` need `--allow`: a warning when checking, an error when running without it, nothing with it. */
class CapabilityCheckTest {
    private static final SourceFile SCRIPT = new SourceFile("tools.orch", """
            workflow main() {
              print sh("ls")
              print http("https://example.com")
            }
            """);

    @Test
    void checkWarns() {
        Compilation c = Compiler.compile(SCRIPT, CompileOptions.CHECK);
        assertThat(c.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("sh needs `--allow shell`", "http needs `--allow net`");
        assertThat(c.hasErrors()).isFalse();
    }

    @Test
    void runWithoutAllowIsAnError() {
        Compilation c = Compiler.compile(SCRIPT, CompileOptions.run(Set.of("shell")));
        assertThat(c.diagnostics()).extracting(Diagnostic::message).containsExactly("http needs `--allow net`");
        assertThat(c.hasErrors()).isTrue();
        assertThat(c.diagnostics().get(0).hint()).isEqualTo("run it as: orch run FILE --allow net");
    }

    @Test
    void runWithEveryAllowIsClean() {
        Compilation c = Compiler.compile(SCRIPT, CompileOptions.run(Set.of("shell", "net")));
        assertThat(c.diagnostics()).isEmpty();
    }

    @Test
    void runNeedsAMainWorkflow() {
        Compilation c = Compiler.compile(new SourceFile("lib.orch", "model fast = mock()\n"), CompileOptions.run(Set.of()));
        assertThat(c.diagnostics()).extracting(Diagnostic::message).containsExactly("there is no workflow main to run");
        assertThat(Compiler.compile(new SourceFile("lib.orch", "model fast = mock()\n"), CompileOptions.CHECK).diagnostics()).isEmpty();
    }
}

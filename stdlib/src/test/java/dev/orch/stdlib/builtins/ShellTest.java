package dev.orch.stdlib.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellTest {
    @TempDir
    Path dir;

    private Value sh(Grants grants, String cmd, Map<String, Value> options) throws Exception {
        return Builtins.get("sh").call(new BuiltinFunction.Args("sh", List.of(Value.of(cmd)), options,
                new ScriptFolder(dir, List.of()), grants));
    }

    @Test
    void withoutAllowShellItIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> sh(Grants.NONE, "echo hi", Map.of()))
                .isInstanceOfSatisfying(BuiltinException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.TOOL);
                    assertThat(e.getMessage()).isEqualTo("sh() needs `--allow shell`: run it as: orch run FILE --allow shell");
                });
        assertThatThrownBy(() -> sh(new Grants(Set.of("net")), "echo hi", Map.of())).isInstanceOf(BuiltinException.class);
    }

    @Test
    void withAllowShellItReturnsStdoutAndRunsInTheScriptsFolder() throws Exception {
        Grants shell = new Grants(Set.of("shell"));
        assertThat(sh(shell, "echo hello", Map.of())).isEqualTo(Value.of("hello\n"));
        assertThat(sh(shell, "pwd", Map.of())).isEqualTo(Value.of(dir.toRealPath() + "\n"));
    }

    @Test
    void aNonZeroExitIsAToolErrorWithTheCodeAndTheEndOfStderr() {
        assertThatThrownBy(() -> sh(new Grants(Set.of("shell")), "echo partial; echo 'disk full' >&2; exit 3", Map.of()))
                .isInstanceOfSatisfying(BuiltinException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.TOOL);
                    assertThat(e.getMessage()).contains("exited with 3").endsWith(": disk full");
                });
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedWithTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> sh(new Grants(Set.of("shell")), "sleep 20", Map.of("timeout", new Value.Num(200))))
                .isInstanceOfSatisfying(BuiltinException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }
}

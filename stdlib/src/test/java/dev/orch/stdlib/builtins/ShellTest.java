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
        assertThat(sh(shell, "echo hello", Map.of())).as("one trailing newline dropped").isEqualTo(Value.of("hello"));
        assertThat(sh(shell, "printf 'a\\n\\n'", Map.of())).as("only one").isEqualTo(Value.of("a\n"));
        assertThat(sh(shell, "pwd", Map.of())).isEqualTo(Value.of(dir.toRealPath().toString()));
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

    @Test
    void theTimeoutKillsEveryProcessTheCommandStartedNotOnlyTheShell() throws Exception {
        Path late = dir.resolve("late.txt");
        assertThatThrownBy(() -> sh(new Grants(Set.of("shell")), "(sleep 2; touch late.txt) & (sleep 2; touch late.txt)",
                Map.of("timeout", new Value.Num(300))))
                .isInstanceOfSatisfying(BuiltinException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT));
        Thread.sleep(3_000);
        assertThat(late).as("issue 20 item 10: the subshells were killed with sh").doesNotExist();
    }

    @Test
    void interruptingTheCallerKillsTheProcessTree() throws Exception {
        Path late = dir.resolve("late.txt");
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                sh(new Grants(Set.of("shell")), "(sleep 2; touch late.txt)", Map.of());
            } catch (Exception expected) {
                // Interrupted.
            }
        });
        Thread.sleep(500);
        caller.interrupt();
        caller.join(5_000);
        Thread.sleep(2_500);
        assertThat(late).doesNotExist();
    }

    private Value sh(List<String> argv, Map<String, Value> options) throws Exception {
        List<Value> items = argv.stream().map(Value::of).toList();
        return Builtins.get("sh").call(new BuiltinFunction.Args("sh", List.of(new Value.ListOf(items)), options,
                new ScriptFolder(dir, List.of()), new Grants(Set.of("shell"))));
    }

    @Test
    void aListRunsTheProgramWithoutAShellSoTextCannotInjectACommand() throws Exception {
        assertThat(sh(List.of("echo", "fixed; touch pwned", "$(touch pwned2)"), Map.of()))
                .isEqualTo(Value.of("fixed; touch pwned $(touch pwned2)"));
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(dir.resolve("pwned2")).doesNotExist();
    }

    @Test
    void aTextStillRunsWithShDashCWhichIsTheAuthorsResponsibility() throws Exception {
        sh(new Grants(Set.of("shell")), "echo fixed; touch made-by-sh", Map.of());
        assertThat(dir.resolve("made-by-sh")).exists();
    }

    @Test
    void cwdRunsTheProgramInAFolderInsideTheScriptsFolder() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("sub"));
        assertThat(sh(List.of("pwd"), Map.of("cwd", Value.of("sub")))).isEqualTo(Value.of(dir.toRealPath().resolve("sub").toString()));
        assertThatThrownBy(() -> sh(List.of("pwd"), Map.of("cwd", Value.of("../.."))))
                .isInstanceOfSatisfying(BuiltinException.class, e -> assertThat(e.getMessage()).contains("leaves the script's folder"));
        assertThatThrownBy(() -> sh(List.of("pwd"), Map.of("cwd", Value.of("nowhere"))))
                .isInstanceOfSatisfying(BuiltinException.class, e -> assertThat(e.getMessage()).isEqualTo("sh([\"pwd\"]): cwd \"nowhere\" is not a folder"));
    }

    @Test
    void aProgramThatIsNotThereIsAToolErrorNamingIt() {
        assertThatThrownBy(() -> sh(List.of("no-such-program-orch"), Map.of()))
                .isInstanceOfSatisfying(BuiltinException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.TOOL);
                    assertThat(e.getMessage()).startsWith("sh([\"no-such-program-orch\"]) could not start");
                });
        assertThatThrownBy(() -> sh(List.of(), Map.of()))
                .isInstanceOfSatisfying(BuiltinException.class, e -> assertThat(e.getMessage()).contains("needs a program"));
    }

    @Test
    void lsListsAFolderSortedWithFoldersMarked() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("src"));
        java.nio.file.Files.writeString(dir.resolve("b.txt"), "");
        java.nio.file.Files.writeString(dir.resolve("a.txt"), "");
        BuiltinFunction ls = Builtins.get("ls");
        assertThat(ls.call(new BuiltinFunction.Args("ls", List.of(Value.of(".")), Map.of(), new ScriptFolder(dir, List.of()))))
                .isEqualTo(new Value.ListOf(List.of(Value.of("a.txt"), Value.of("b.txt"), Value.of("src/"))));
        assertThatThrownBy(() -> ls.call(new BuiltinFunction.Args("ls", List.of(Value.of("gone")), Map.of(), new ScriptFolder(dir, List.of()))))
                .isInstanceOfSatisfying(BuiltinException.class, e -> assertThat(e.getMessage()).isEqualTo("ls(\"gone\"): no such folder"));
    }
}

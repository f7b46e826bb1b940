package dev.orch.stdlib.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinsTest {
    @TempDir
    Path dir;

    private Value call(String name, ScriptFolder folder, Value... args) throws Exception {
        return Builtins.get(name).call(new BuiltinFunction.Args(name, List.of(args), Map.of(), folder));
    }

    private ScriptFolder folder() {
        return new ScriptFolder(dir.resolve("script"), List.of());
    }

    @Test
    void writeCreatesParentFoldersAndReadReadsItBack() throws Exception {
        Files.createDirectories(dir.resolve("script"));
        call("write", folder(), Value.of("out/a/b.md"), Value.of("hello"));
        call("append", folder(), Value.of("out/a/b.md"), Value.of(" world"));
        assertThat(call("read", folder(), Value.of("out/a/b.md"))).isEqualTo(Value.of("hello world"));
        try (var files = Files.list(dir.resolve("script/out/a"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("b.md");
        }
    }

    @Test
    void writeGivesANewFileTheUmasksModeAndKeepsAReplacedFilesMode() throws Exception {
        Path script = Files.createDirectories(dir.resolve("script"));
        // A file made the ordinary way shows what the umask gives (0644 under umask 022, not createTempFile's 0600).
        Path plain = Files.writeString(script.resolve("plain.txt"), "x");

        call("write", folder(), Value.of("new.txt"), Value.of("hello"));
        Files.setPosixFilePermissions(plain, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        call("write", folder(), Value.of("plain.txt"), Value.of("again"));

        assertThat(Files.getPosixFilePermissions(script.resolve("new.txt")))
                .isEqualTo(Files.getPosixFilePermissions(Files.writeString(script.resolve("other.txt"), "y")));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)))
                .isEqualTo("rw-rw-r--");
        assertThat(Files.readString(plain)).isEqualTo("again");
    }

    @Test
    void pathsThatLeaveTheScriptsFolderAreRefused() throws Exception {
        Files.createDirectories(dir.resolve("script"));
        for (String path : List.of("../escape.md", dir.resolve("abs.md").toString(), "out/../../x.md")) {
            assertThatThrownBy(() -> call("write", folder(), Value.of(path), Value.of("x")))
                    .isInstanceOfSatisfying(BuiltinException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.TOOL);
                        assertThat(e.getMessage()).contains("--allow write:");
                    });
        }
        assertThat(Files.exists(dir.resolve("escape.md"))).isFalse();
    }

    @Test
    void aSymbolicLinkCannotLeadOutside() throws Exception {
        Files.createDirectories(dir.resolve("script"));
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve("script/link"), dir.resolve("elsewhere"));
        assertThatThrownBy(() -> call("write", folder(), Value.of("link/x.md"), Value.of("x"))).isInstanceOf(BuiltinException.class);
        assertThat(Files.exists(dir.resolve("elsewhere/x.md"))).isFalse();
    }

    @Test
    void allowWriteOpensAnotherFolder() throws Exception {
        Files.createDirectories(dir.resolve("script"));
        var folder = new ScriptFolder(dir.resolve("script"), List.of(Path.of("../shared")));
        call("write", folder, Value.of("../shared/x.md"), Value.of("x"));
        assertThat(Files.readString(dir.resolve("shared/x.md"))).isEqualTo("x");
        assertThatThrownBy(() -> call("write", folder, Value.of("../other/x.md"), Value.of("x"))).isInstanceOf(BuiltinException.class);
    }

    @Test
    void jsonParsesAndRefusesWhatIsNotJson() throws Exception {
        assertThat(call("json", folder(), Value.of("[1, {\"a\": true}]")).toString()).contains("ListOf");
        assertThatThrownBy(() -> call("json", folder(), Value.of("{oops")))
                .isInstanceOfSatisfying(BuiltinException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_OUTPUT));
    }

    @Test
    void jsonRefusesTextAfterTheValueInsteadOfDroppingIt() {
        // The whole text is one value, as in every other place Orch reads JSON (one Jackson configuration).
        assertThatThrownBy(() -> call("json", folder(), Value.of("{\"ok\": true} {\"ok\": false}")))
                .isInstanceOfSatisfying(BuiltinException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_OUTPUT);
                    assertThat(e.getMessage()).contains("json(): the text is not valid JSON", "Trailing token");
                });
    }

    @Test
    void everyBuiltinTheLanguageDeclaresHasAnImplementation() {
        for (dev.orch.compiler.lang.Builtin b : dev.orch.compiler.lang.Builtin.values()) {
            assertThat(Builtins.get(b.callName)).as(b.callName).isNotNull();
        }
        assertThat(Builtins.get("no_such_builtin")).isNull();
    }

    @Test
    void builtinsThatNeedARunSaySoOutsideOne() {
        for (String name : List.of("summarize", "run")) {
            assertThatThrownBy(() -> call(name, folder(), Value.of("text")))
                    .isInstanceOfSatisfying(BuiltinException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.TOOL);
                        assertThat(e.getMessage()).startsWith(name + "() runs only inside a run");
                    });
        }
    }
}

package dev.orch.stdlib.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** read, write and append stay inside the script's folder unless `--allow write:PATH` covers the path. */
class ConfinedPathsTest {
    @TempDir
    Path dir;
    Path script;
    Path outside;

    @BeforeEach
    void folders() throws Exception {
        script = Files.createDirectories(dir.resolve("script"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
    }

    private Value call(String name, ScriptFolder folder, String path, String... text) throws Exception {
        List<Value> args = text.length == 0 ? List.of(Value.of(path)) : List.of(Value.of(path), Value.of(text[0]));
        return Builtins.get(name).call(new BuiltinFunction.Args(name, args, Map.of(), folder));
    }

    private void refused(String builtin, String path, String... text) {
        ScriptFolder folder = new ScriptFolder(script, List.of());
        assertThatThrownBy(() -> call(builtin, folder, path, text))
                .as(builtin + "(\"" + path + "\")")
                .isInstanceOfSatisfying(BuiltinException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.TOOL);
                    assertThat(e.getMessage()).contains("\"" + path + "\" leaves the script's folder")
                            .contains("give --allow " + (builtin.equals("read") ? "read" : "write") + ":PATH");
                });
    }

    @Test
    void dotDotEscapesAreRefusedForReadWriteAndAppend() throws Exception {
        refused("read", "../outside/secret.txt");
        refused("write", "../outside/secret.txt", "overwritten");
        refused("append", "notes/../../outside/secret.txt", "more");
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    @Test
    void absolutePathsAreRefusedEvenInsideTheFolder() throws Exception {
        refused("read", outside.resolve("secret.txt").toString());
        refused("write", script.resolve("inside.md").toAbsolutePath().toString(), "x");
        assertThat(Files.exists(script.resolve("inside.md"))).isFalse();
    }

    @Test
    void symbolicLinksPointingOutAreRefused() throws Exception {
        Files.createSymbolicLink(script.resolve("dir-link"), outside);
        Files.createSymbolicLink(script.resolve("file-link.txt"), outside.resolve("secret.txt"));
        refused("read", "dir-link/secret.txt");
        refused("read", "file-link.txt");
        refused("write", "file-link.txt", "overwritten");
        refused("append", "dir-link/new.txt", "x");
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
        assertThat(Files.exists(outside.resolve("new.txt"))).isFalse();
    }

    @Test
    void allowWriteCoversAnOutsideFolderAndNothingElse() throws Exception {
        ScriptFolder folder = new ScriptFolder(script, List.of(Path.of("../outside")));
        assertThat(call("read", folder, "../outside/secret.txt")).isEqualTo(Value.of("secret"));
        call("write", folder, "../outside/report.md", "done");
        assertThat(Files.readString(outside.resolve("report.md"))).isEqualTo("done");
        assertThatThrownBy(() -> call("write", folder, "../elsewhere/x.md", "x")).isInstanceOf(BuiltinException.class);
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        ScriptFolder folder = new ScriptFolder(script, List.of());
        call("write", folder, "out.md", "first");
        call("write", folder, "out.md", "second");
        assertThat(Files.readString(script.resolve("out.md"))).isEqualTo("second");
        try (var files = Files.list(script)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.md");
        }
    }
}

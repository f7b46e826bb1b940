package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

/** Runs that record in a store load SQLite's native library from one unpacked copy, not a new temp file each. */
class SqliteLibraryTest {
    @TempDir
    Path dir;

    @Test
    void concurrentFirstRunsShareOneUnpackedLibraryAndLeaveNothingInTheTempFolder() throws Exception {
        Path script = dir.resolve("hello.orch");
        Files.writeString(script, """
                model m = mock()
                agent a { model: m }
                workflow main() {
                  return a("hello")
                }
                """);
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "run", "-q", "--store", dir.resolve("runs-" + i + ".db").toString(), script.toString()));
            ProcessBuilder pb = CliRun.process(command).redirectErrorStream(true);
            pb.environment().put("XDG_CACHE_HOME", cache.toString());
            runs.add(pb.start());
        }
        for (Process run : runs) {
            String output = new String(run.getInputStream().readAllBytes());
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(output).isZero();
        }
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("one library, no partial copies").containsExactly(LibraryLoaderUtil.getNativeLibName());
        }
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("sqlite-"));
        }
    }
}

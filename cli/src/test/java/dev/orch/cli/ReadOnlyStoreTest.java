package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, item 13: a run store on a read-only filesystem (a mounted backup, a CI artefact) still reads: `orch runs`
 * and `orch show` open it read-only; `orch resume` needs to write and says so. The filesystem is really read-only: a
 * bind mount remounted `ro` in a mount namespace of the test's own (`unshare -m`, as root).
 */
class ReadOnlyStoreTest {
    @TempDir
    Path dir;

    @Test
    void runsAndShowReadAStoreOnAReadOnlyFilesystem() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path mounted = Files.createDirectories(dir.resolve("ro"));
        Path script = src.resolve("s.orch");
        Files.writeString(script, "model m = mock()\nagent a { model: m }\nworkflow main() { print a(\"hello\") }\n");
        CliRun run = CliRun.of("run", script.toString(), "-q", "--store", src.resolve("runs.db").toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();

        Result probe = readOnly(src, mounted, List.of("touch", mounted.resolve("x").toString()));
        Assumptions.assumeTrue(probe.err().contains("Read-only file system"),
                "skipped: this machine cannot make a read-only mount for the test (unshare -m needs root): " + probe.err().strip());

        List<String> before = files(src);
        Path store = mounted.resolve("runs.db");
        Result runs = readOnly(src, mounted, ResumeTest.orch("runs", "--store", store.toString()));
        assertThat(runs.code()).as(runs.err()).isZero();
        assertThat(runs.out()).contains("succeeded").contains(script.toString());
        String id = runs.out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];

        Result show = readOnly(src, mounted, ResumeTest.orch("show", id, "--store", store.toString()));
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).startsWith("run " + id + "  succeeded");

        Result resume = readOnly(src, mounted, ResumeTest.orch("resume", id, "--store", store.toString()));
        assertThat(resume.code()).isEqualTo(2);
        assertThat(resume.err()).startsWith("orch: ").contains(store.toString()).doesNotContain("Exception");
        assertThat(files(src)).as("nothing was written beside the store").isEqualTo(before);
    }

    @Test
    void aReadOnlyShmLeftBesideAWritableStoreIsNamedAsTheFileInTheWay() throws Exception {
        Path script = dir.resolve("s.orch");
        Files.writeString(script, "model m = mock()\nagent a { model: m }\nworkflow main() { print a(\"hello\") }\n");
        Path store = dir.resolve("runs.db");
        CliRun first = CliRun.of("run", script.toString(), "-q", "--store", store.toString());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        Path shm = dir.resolve("runs.db-shm");
        Files.write(shm, new byte[0]);

        Result probe = readOnlyFile(shm, List.of("sh", "-c", "echo x > " + quote(shm)));
        Assumptions.assumeTrue(probe.err().contains("Read-only file system"),
                "skipped: this machine cannot make a read-only mount for the test (unshare -m needs root): " + probe.err().strip());

        Result run = readOnlyFile(shm, ResumeTest.orch("run", script.toString(), "-q", "--store", store.toString()));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("runs.db-shm beside it is read-only", "delete " + shm).doesNotContain("Exception");
    }

    private static List<String> files(Path folder) throws java.io.IOException {
        try (var list = Files.list(folder)) {
            return list.map(p -> p.getFileName() + " " + p.toFile().length()).sorted().toList();
        }
    }

    private record Result(int code, String out, String err) {}

    /** Runs {@code command} where {@code mounted} shows {@code src} read-only. */
    private static Result readOnly(Path src, Path mounted, List<String> command) throws Exception {
        StringBuilder line = new StringBuilder("mount --bind " + quote(src) + " " + quote(mounted)
                + " && mount -o remount,ro,bind " + quote(mounted) + " && exec");
        for (String part : command) line.append(' ').append(quote(part));
        return unshare(line.toString());
    }

    private static Result unshare(String shellLine) throws Exception {
        List<String> argv = new ArrayList<>(List.of("unshare", "-m", "sh", "-c", shellLine));
        Process p;
        try {
            p = CliRun.process(argv).start();
        } catch (java.io.IOException e) {
            return new Result(-1, "", "unshare is not installed");
        }
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** Runs {@code command} where the file {@code file} is read-only (bound onto itself, remounted `ro`). */
    private static Result readOnlyFile(Path file, List<String> command) throws Exception {
        StringBuilder line = new StringBuilder("mount --bind " + quote(file) + " " + quote(file)
                + " && mount -o remount,ro,bind " + quote(file) + " && exec");
        for (String part : command) line.append(' ').append(quote(part));
        return unshare(line.toString());
    }

    private static String quote(Object s) {
        return "'" + s.toString().replace("'", "'\\''") + "'";
    }
}

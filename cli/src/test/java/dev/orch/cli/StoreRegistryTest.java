package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `orch run` keeps its store beside the script; `orch runs`, `show` and `resume` find it from anywhere. */
class StoreRegistryTest {
    @TempDir
    Path dir;

    private static final String SCRIPT = """
            model m = mock()
            agent a { model: m }
            workflow main() {
              return a("hello")
            }
            """;

    private String runIn(String folder) throws Exception {
        Path script = dir.resolve(folder).resolve("hello.orch");
        Files.createDirectories(script.getParent());
        Files.writeString(script, SCRIPT);
        assertThat(CliRun.of("run", script.toString(), "-q").exitCode()).isZero();
        String listed = CliRun.of("runs", "--store", script.resolveSibling(".orch/runs.db").toString()).stdout();
        return listed.lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
    }

    @Test
    void runsRecordedBesideScriptsElsewhereAreListedAndShownWithoutStore() throws Exception {
        String first = runIn("one");
        String second = runIn("two");

        assertThat(Files.readAllLines(StoreRegistry.file()))
                .contains(dir.resolve("one/.orch/runs.db").toString(), dir.resolve("two/.orch/runs.db").toString());
        CliRun runs = CliRun.of("runs", "--all");
        assertThat(runs.exitCode()).isZero();
        assertThat(runs.stdout()).contains(first).contains(second);
        assertThat(runs.stdout().indexOf(second)).isLessThan(runs.stdout().indexOf(first)); // newest first

        CliRun show = CliRun.of("show", second);
        assertThat(show.exitCode()).isZero();
        assertThat(show.stdout()).startsWith("run " + second);
    }

    @Test
    void aPrefixMatchingRunsInSeveralStoresListsThemAll() throws Exception {
        String first = runIn("one");
        String second = runIn("two");
        String common = commonPrefix(first, second);

        CliRun show = CliRun.of("show", common);
        assertThat(show.exitCode()).isEqualTo(2);
        assertThat(show.stderr()).contains("matches several runs").contains(first).contains(second);
    }

    @Test
    void anUnwritableRegistryWarnsButNeverFailsTheRun() throws Exception {
        String saved = CliRun.HOME.toString();
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        System.setProperty(StoreRegistry.HOME_PROPERTY, blocker.toString());
        try {
            Path script = dir.resolve("hello.orch");
            Files.writeString(script, SCRIPT);
            CliRun run = CliRun.of("run", script.toString(), "-q");
            assertThat(run.exitCode()).isZero();
            assertThat(run.stdout()).isEqualTo("hello\n");
            assertThat(run.stderr()).contains("warning: cannot note the run store");
        } finally {
            System.setProperty(StoreRegistry.HOME_PROPERTY, saved);
        }
    }

    private static String commonPrefix(String a, String b) {
        int n = 0;
        while (n < Math.min(a.length(), b.length()) && a.charAt(n) == b.charAt(n)) n++;
        return a.substring(0, Math.max(n, 1));
    }
}

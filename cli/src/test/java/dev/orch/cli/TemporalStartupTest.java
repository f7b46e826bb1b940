package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking and running a script locally do not pay for Temporal: its classes load only for the commands that use it. */
class TemporalStartupTest {
    @TempDir
    Path folder;

    @Test
    void checkAndALocalRunLoadNoTemporalClassAndTheWorkerDoes() throws Exception {
        Path script = Files.writeString(folder.resolve("hello.orch"), """
                model m = mock(rules: { ".": "hi" })
                agent a { model: m }
                workflow main() {
                  print a("hello")
                }
                """);
        assertThat(classesLoaded("check", script.toString())).doesNotContain("io.temporal.", "io.grpc.", "dev.orch.temporal.");
        assertThat(classesLoaded("run", script.toString(), "--no-store")).doesNotContain("io.temporal.", "io.grpc.", "dev.orch.temporal.");
        // The same probe sees them when a command needs Temporal (here it cannot reach one, and says so).
        assertThat(classesLoaded("worker", "--temporal", "localhost:1")).contains("io.temporal.serviceclient.WorkflowServiceStubs");
    }

    private static String classesLoaded(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-verbose:class",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        args.addAll(List.of(command));
        Process p = CliRun.process(args).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(List.of(0, 2)).as(out.lines().filter(l -> !l.startsWith("[")).toList().toString()).contains(p.exitValue());
        return out;
    }
}

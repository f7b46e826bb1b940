package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.testkit.Golden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The `--trace` format of every example and of cached, budget and breaker runs, as golden files
 * (cli/src/test/resources/trace/NAME.jsonl). Times and the run id vary from run to run, so they are written as 0 and
 * RUN (and a breaker's remaining cooldown as T), and lines are sorted, since parallel branches finish in any order;
 * every other key and value must match.
 */
class TraceGoldenTest {
    private static final Path GOLDEN = Golden.resources("trace");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Stream<String> examples() throws IOException {
        return ExamplesTest.examples();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void anExamplesTraceIsWhatItsGoldenFileSays(String name) throws IOException {
        assertTrace(name, Path.of("..", "examples", name + ".orch"));
    }

    @Test
    void aCachedBudgetedRunWithAnOpenBreakerTracesWhatItsGoldenFileSays() throws IOException {
        Path script = dir.resolve("edges.orch");
        Files.writeString(script, """
                budget { tokens: 45 }
                model m = mock()
                model down = mock(fail_first: 9)
                breaker b { failures: 1, window: 60s, cooldown: 60s }
                agent a { model: m, max_tokens: 20 }
                agent flaky { model: down, breaker: b, max_tokens: 5 }
                workflow main() {
                  x = a("hello")
                  try {
                    y = flaky("one")
                  } catch {
                    print("caught")
                  }
                  try {
                    z = flaky("two")
                  } catch {
                    print("refused")
                  }
                  try {
                    w = a("over the budget by far, with a long prompt that counts many tokens")
                    v = a("again")
                  } catch {
                    print("over")
                  }
                }
                """);
        Path store = dir.resolve("runs.db");
        CliRun first = CliRun.of("run", "-q", script.toString(), "--cache", "--store", store.toString());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertTrace("edges-cached", script, "--cache", "--store", store.toString());
    }

    @Test
    void aFailedRunTracesWhatItsGoldenFileSays() throws IOException {
        Path script = dir.resolve("failed.orch");
        Files.writeString(script, """
                model m = mock()
                agent a { model: m }
                workflow main() {
                  phase "draft" {
                    parallel {
                      x = a("one")
                      y = a("two")
                    }
                  }
                  fail "stopped after {x}"
                }
                """);
        assertTrace("failed", script);
    }

    private void assertTrace(String golden, Path script, String... more) throws IOException {
        Path trace = dir.resolve(golden + ".jsonl");
        List<String> args = new java.util.ArrayList<>(List.of("run", "-q", script.toString(), "--trace", trace.toString()));
        if (more.length == 0) args.addAll(List.of("--store", dir.resolve("runs.db").toString()));
        args.addAll(List.of(more));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.stderr()).doesNotContain("Exception");
        assertThat(trace).as(r.stderr()).exists();
        String actual = normalised(Files.readAllLines(trace));
        Golden.assertMatches(GOLDEN.resolve(golden + ".jsonl"), actual);
    }

    private static String normalised(List<String> lines) {
        return lines.stream().map(l -> {
            try {
                ObjectNode o = (ObjectNode) JSON.readTree(l);
                o.put("run", "RUN");
                o.put("t", 0);
                JsonNode ms = o.get("ms");
                if (ms != null) o.put("ms", 0);
                // An open breaker's message counts down its cooldown.
                return o.toString().replaceAll("let through in [^\"]*", "let through in T");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sorted().collect(Collectors.joining("\n", "", "\n"));
    }
}

package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.PlanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    private Path script(String text) throws IOException {
        Path file = dir.resolve("s.orch");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aFailedRunNamesTheTaskItsPlaceTheKindAndTheAttempts() throws IOException {
        Path file = script("""
                model m = mock(fail_first: 9)
                agent a { model: m }
                workflow main() {
                  retry 2 {
                    x = a("hello")
                  }
                  print x
                }
                """);
        CliRun r = CliRun.of("run", "-q", file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains(file + ":5:9: error: server: ", "(task main/5:5, after 2 attempts)",
                "    x = a(\"hello\")\n        ^^^^^^^^^^", "hint: ");
        assertThat(r.stderr()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void argumentsAreConvertedToTheParametersTypes() throws IOException {
        Path file = script("""
                workflow main(n: number, xs: list, loud: bool, name: text = "x") {
                  print n + len(xs)
                  print loud
                  return name
                }
                """);
        CliRun r = CliRun.of("run", "-q", file.toString(), "--arg", "n=2", "--arg", "xs=[1,2,3]", "--arg", "loud=true");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo("5\ntrue\nx\n");

        CliRun bad = CliRun.of("run", "-q", file.toString(), "--arg", "n=two");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("'n' is a number");
        CliRun unknown = CliRun.of("run", "-q", file.toString(), "--arg", "m=1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("main has no parameter 'm'");
        CliRun missing = CliRun.of("run", "-q", file.toString(), "--arg", "n=1", "--arg", "loud=false");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("main needs a value for 'xs'");
    }

    @Test
    void aTraceThatCannotBeWrittenStopsWithOneWarningAndTheRunGoesOn() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full on this machine");
        Path file = script("""
                model m = mock()
                agent a { model: m }
                workflow main() {
                  for i in [1, 2, 3] {
                    print a("hello {i}")
                  }
                }
                """);
        CliRun r = CliRun.of("run", "-q", "--no-store", file.toString(), "--trace", full.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines()).hasSize(3);
        assertThat(r.stderr()).containsOnlyOnce("orch: warning: the trace /dev/full cannot be written any more (")
                .contains("the run goes on without it");
    }

    @Test
    void compileErrorsExitWithTwoAndRunNothing() throws IOException {
        Path file = script("""
                workflow main() {
                  print (
                }
                """);
        CliRun r = CliRun.of("run", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void aPlanRunsAndIsRefusedOnceItsScriptChangedUnlessForced() throws IOException {
        Path file = script("""
                workflow main() {
                  print "from the plan"
                }
                """);
        var c = Compiler.compile(SourceFile.read(file), CompileOptions.run(java.util.Set.of()));
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, PlanJson.write(c.plan()));
        assertThat(CliRun.of("run", "-q", plan.toString()).stdout()).isEqualTo("from the plan\n");

        Files.writeString(file, Files.readString(file).replace("plan", "script"));
        CliRun stale = CliRun.of("run", "-q", plan.toString());
        assertThat(stale.exitCode()).isEqualTo(2);
        assertThat(stale.stderr()).contains("changed since the plan", "--force");
        CliRun forced = CliRun.of("run", "-q", "--force", plan.toString());
        assertThat(forced.stdout()).isEqualTo("from the plan\n");
    }

    @Test
    void traceHasOneJsonObjectPerLineWithTheDocumentedEvents() throws IOException {
        Path file = script("""
                model m = mock(fail_first: 1)
                agent a { model: m }
                workflow main() {
                  retry 2 {
                    x = a("hi")
                  }
                }
                """);
        Path trace = dir.resolve("trace.jsonl");
        assertThat(CliRun.of("run", "-q", file.toString(), "--trace", trace.toString()).exitCode()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = Files.readAllLines(trace).stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(lines).extracting(l -> l.get("event").asText()).containsExactly(
                "run_started", "task_started", "task_failed", "task_retry", "task_started", "task_finished", "run_finished");
        JsonNode finished = lines.get(5);
        assertThat(finished.get("task").asText()).isEqualTo("main/5:5");
        assertThat(finished.get("agent").asText()).isEqualTo("a");
        assertThat(finished.get("model").asText()).isEqualTo("m");
        assertThat(finished.get("attempt").asInt()).isEqualTo(2);
        assertThat(finished.has("tokens_in") && finished.has("tokens_out") && finished.has("ms") && finished.has("t")).isTrue();
        assertThat(lines).allSatisfy(l -> assertThat(l.get("run").asText()).isEqualTo(lines.get(0).get("run").asText()));
        JsonNode run = lines.get(6);
        assertThat(run.get("calls").asInt()).as("both attempts went to the model").isEqualTo(2);
        assertThat(run.get("tokens_in").asInt()).isEqualTo(1);
        assertThat(run.get("cost").asDouble()).isZero();
    }

    @Test
    void aCalledModelWithoutItsKeyStopsTheRunBeforeAnythingRuns() throws IOException {
        Path file = script("""
                model smart = openai("gpt-4o", api_key_env: "ORCH_TEST_UNSET_7Q_KEY")
                agent a { model: smart }
                workflow main() {
                  print "before"
                  print a("hello")
                }
                """);
        CliRun r = CliRun.of("run", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("orch: model 'smart' (openai): no API key: set the environment variable"
                + " ORCH_TEST_UNSET_7Q_KEY (or name another variable with api_key_env:)\norch: nothing was run\n");
    }

    @Test
    void progressEndsWithTheRunsTotals() throws IOException {
        Path file = script("""
                model m = mock(price_in: 1000000, price_out: 1000000)
                agent a { model: m }
                workflow main() {
                  x = a("12345678")
                }
                """);
        CliRun r = CliRun.of("run", "--plain", file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr().strip().lines().toList().getLast())
                .matches("\\[ *[0-9.]+s\\] run finished in [0-9.]+s: 1 call, 2 tokens in, 2 out, \\$4\\.0000");
    }

    @Test
    void anUnusedModelNeedsNoKey() throws IOException {
        Path file = script("""
                model fast  = mock()
                model smart = openai("gpt-4o")
                agent a { model: fast }
                workflow main() {
                  print a("ok")
                }
                """);
        CliRun r = CliRun.of("run", "-q", file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo("ok\n");
    }

    @Test
    void shNeedsAllowShellBeforeTheRunAndWorksWithIt() throws IOException {
        Path file = script("""
                workflow main() {
                  print sh("echo from the shell")
                }
                """);
        CliRun refused = CliRun.of("run", "-q", file.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("error: sh needs `--allow shell`", "hint: run it as: orch run FILE --allow shell");
        CliRun allowed = CliRun.of("run", "-q", "--allow", "shell", file.toString());
        assertThat(allowed.exitCode()).as(allowed.stderr()).isZero();
        assertThat(allowed.stdout()).isEqualTo("from the shell\n");
    }

    @Test
    void aPlanCompiledWithoutAllowIsRefusedAtTheCallNamingTheFlag() throws IOException {
        Path file = script("""
                workflow main() {
                  print http("http://localhost:9/")
                }
                """);
        Path plan = dir.resolve("plan.json");
        assertThat(CliRun.of("compile", file.toString(), "-o", plan.toString()).exitCode()).isZero();
        CliRun r = CliRun.of("run", "-q", plan.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("error: tool: http() needs `--allow net`: run it as: orch run FILE --allow net");
    }

    @Test
    void aPlanFromBeforeCalleesWereRecordedStillRunsResolvingCallsByName() throws IOException {
        Path file = script("""
                model m = mock()
                agent writer { model: m }
                workflow shout(t: text) -> text { return upper(t) }
                workflow main() {
                  print shout(writer("hello"))
                }
                """);
        Path plan = dir.resolve("plan.json");
        assertThat(CliRun.of("compile", file.toString(), "-o", plan.toString()).exitCode()).isZero();
        CliRun recorded = CliRun.of("run", "-q", "--no-store", plan.toString());
        assertThat(recorded.exitCode()).as(recorded.stderr()).isZero();
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(plan.toFile());
        assertThat(json.get("workflows").get(1).get("callees").toString())
                .contains("\"kind\":\"agent\",\"name\":\"writer\"", "\"kind\":\"workflow\",\"name\":\"shout\",\"returns\":\"text\"");
        for (var w : json.get("workflows")) ((ObjectNode) w).remove("callees");
        Files.writeString(plan, json.toString());

        CliRun older = CliRun.of("run", "-q", "--no-store", plan.toString());

        assertThat(older.exitCode()).as(older.stderr()).isZero();
        assertThat(older.stdout()).isEqualTo(recorded.stdout()).isNotBlank();
    }
}

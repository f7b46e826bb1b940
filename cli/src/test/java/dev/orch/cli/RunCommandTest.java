package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        Cli.Result r = Cli.run("run", "-q", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(file + ":5:9: error: server: ", "(task main/5:5, after 2 attempts)",
                "    x = a(\"hello\")\n        ^^^^^^^^^^", "hint: ");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
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
        Cli.Result r = Cli.run("run", "-q", file.toString(), "--arg", "n=2", "--arg", "xs=[1,2,3]", "--arg", "loud=true");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("5\ntrue\nx\n");

        Cli.Result bad = Cli.run("run", "-q", file.toString(), "--arg", "n=two");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'n' is a number");
        Cli.Result unknown = Cli.run("run", "-q", file.toString(), "--arg", "m=1");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("main has no parameter 'm'");
        Cli.Result missing = Cli.run("run", "-q", file.toString(), "--arg", "n=1", "--arg", "loud=false");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("main needs a value for 'xs'");
    }

    @Test
    void compileErrorsExitWithTwoAndRunNothing() throws IOException {
        Path file = script("""
                workflow main() {
                  print (
                }
                """);
        Cli.Result r = Cli.run("run", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
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
        assertThat(Cli.run("run", "-q", plan.toString()).out()).isEqualTo("from the plan\n");

        Files.writeString(file, Files.readString(file).replace("plan", "script"));
        Cli.Result stale = Cli.run("run", "-q", plan.toString());
        assertThat(stale.exit()).isEqualTo(2);
        assertThat(stale.err()).contains("changed since the plan", "--force");
        Cli.Result forced = Cli.run("run", "-q", "--force", plan.toString());
        assertThat(forced.out()).isEqualTo("from the plan\n");
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
        assertThat(Cli.run("run", "-q", file.toString(), "--trace", trace.toString()).exit()).isZero();
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
                model smart = openai("gpt-4o", api_key_env: "ORCH_TEST_UNSET_KEY_7Q")
                agent a { model: smart }
                workflow main() {
                  print "before"
                  print a("hello")
                }
                """);
        Cli.Result r = Cli.run("run", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("orch: model 'smart' (openai): no API key: set the environment variable"
                + " ORCH_TEST_UNSET_KEY_7Q (or name another variable with api_key_env:)\norch: nothing was run\n");
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
        Cli.Result r = Cli.run("run", "--plain", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err().strip().lines().toList().getLast())
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
        Cli.Result r = Cli.run("run", "-q", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("ok\n");
    }

    @Test
    void shNeedsAllowShellBeforeTheRunAndWorksWithIt() throws IOException {
        Path file = script("""
                workflow main() {
                  print sh("echo from the shell")
                }
                """);
        Cli.Result refused = Cli.run("run", "-q", file.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("error: sh needs `--allow shell`", "hint: run it as: orch run FILE --allow shell");
        Cli.Result allowed = Cli.run("run", "-q", "--allow", "shell", file.toString());
        assertThat(allowed.exit()).as(allowed.err()).isZero();
        assertThat(allowed.out()).isEqualTo("from the shell\n\n");
    }

    @Test
    void aPlanCompiledWithoutAllowIsRefusedAtTheCallNamingTheFlag() throws IOException {
        Path file = script("""
                workflow main() {
                  print http("http://localhost:9/")
                }
                """);
        Path plan = dir.resolve("plan.json");
        assertThat(Cli.run("compile", file.toString(), "-o", plan.toString()).exit()).isZero();
        Cli.Result r = Cli.run("run", "-q", plan.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("error: tool: http() needs `--allow net`: run it as: orch run FILE --allow net");
    }
}

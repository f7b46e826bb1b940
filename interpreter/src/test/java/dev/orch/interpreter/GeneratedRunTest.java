package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.events.RunEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run(source, args...)`: generated Orch runs with the caller's declarations, under its budget and grants. */
class GeneratedRunTest {
    @TempDir
    Path dir;

    @Test
    void generatedSourceUsesTheCallersAgentsAndReturnsItsMainsResult() {
        var o = Scripts.run("""
                model m = mock(rules: { "^Hello.*": "hi $0" })
                agent greeter { model: m }
                workflow main() {
                  team = "agent shouter extends greeter \\{ system: \\"Loud.\\" }\\nworkflow main(name: text) \\{ return shouter(\\"Hello \\{name}\\") }"
                  return run(team, "Ada")
                }
                """);
        assertThat(o.error()).isNull();
        assertThat(o.result().result().toString()).contains("hi Hello Ada");
        assertThat(o.events(RunEvent.TaskFinished.class)).anySatisfy(e -> assertThat(e.task()).isEqualTo("main/5:10>main/2:36"));
    }

    @Test
    void sourceThatDoesNotCompileIsBadOutputCarryingTheDiagnostics() {
        var o = Scripts.run("""
                model m = mock()
                agent a { model: m }
                workflow main() {
                  var tries = 0
                  retry 3 on bad_output {
                    tries = tries + 1
                    print run("workflow main() \\{ return b(\\"x\\") }")
                  }
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.BAD_OUTPUT);
        assertThat(o.error().attempts()).isEqualTo(3);
        assertThat(o.error().getMessage()).startsWith("the generated script does not compile (1 error):\n")
                .contains("generated.orch:1:26: error: ", "'b'", "return b(\"x\")", "hint: ");
        assertThat(o.events(RunEvent.TaskRetry.class)).hasSize(2);
    }

    @Test
    void anErrorInsideGeneratedSourceIsReportedAtTheRunCallWithItsOwnPosition() {
        var o = Scripts.run("""
                workflow main() {
                  x = 1
                  run("workflow main() \\{\\n  fail \\"no team today\\"\\n}")
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(o.error().getMessage()).isEqualTo("generated.orch:2:3: no team today");
        assertThat(o.error().span().line()).isEqualTo(3);
        assertThat(o.error().task()).isEqualTo("main/3:3>main/2:3");
    }

    @Test
    void aGeneratedSubWorkflowCannotSpendMoreThanTheCallersBudget() {
        // Each call's worst case is 3 prompt tokens + max_tokens 3; the caller's 20 tokens allow three calls.
        var o = Scripts.run("""
                model m = mock()
                agent a { model: m, max_tokens: 3 }
                budget { tokens: 20 }
                workflow main() {
                  first = a("call 0 ...")
                  run("workflow main() \\{ for i in [1, 2, 3, 4, 5] \\{ a(\\"call \\{i} ...\\") } }")
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.BUDGET);
        assertThat(o.error().task()).startsWith("main/6:3>main/");
        assertThat(o.events(RunEvent.TaskFinished.class)).hasSize(3);
    }

    @Test
    void generatedSourceMayNotDeclareItsOwnBudgetOrModels() {
        var o = Scripts.run("""
                model m = mock()
                agent a { model: m }
                workflow main() {
                  run("budget \\{ tokens: 1000000 }\\nmodel free = mock()\\nworkflow main() \\{ }")
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.BAD_OUTPUT);
        assertThat(o.error().getMessage()).contains("cannot declare a budget", "cannot declare a model");
    }

    @Test
    void generatedSourceGetsNoCapabilityTheRunWasNotGiven() throws Exception {
        String script = """
                workflow main() {
                  print run("workflow main() \\{ return sh([\\"echo\\", \\"generated\\"]) }")
                }
                """;
        var refused = run(script, Set.of());
        assertThat(refused.result().error().kind()).isEqualTo(ErrorKind.BAD_OUTPUT);
        assertThat(refused.result().error().getMessage()).contains("sh needs `--allow shell`", "orch run FILE --allow shell");
        var allowed = run(script, Set.of("shell"));
        assertThat(allowed.result().error()).isNull();
        assertThat(allowed.stdout()).isEqualTo("generated\n");
    }

    @Test
    void generatedSourceRunsNoShellTextUnlessModelOutputIsTrusted() throws Exception {
        String script = """
                workflow main() {
                  print run("workflow main() \\{ return sh(\\"echo generated\\") }")
                }
                """;
        var refused = run(script, Set.of("shell"));
        assertThat(refused.result().error().kind()).isEqualTo(ErrorKind.BAD_OUTPUT);
        assertThat(refused.result().error().getMessage()).contains("sh() would run text a model produced as a shell command");
        var trusted = run(script, Set.of("shell", "trust-model-output"));
        assertThat(trusted.result().error()).isNull();
        assertThat(trusted.stdout()).isEqualTo("generated\n");
    }

    @Test
    void aPlanCompiledWithoutAllowIsRefusedAtRunTimeNamingTheFlag() throws Exception {
        var o = run("""
                workflow main() {
                  print sh("echo hi")
                  print http("http://localhost:9/")
                }
                """, Set.of());
        assertThat(o.result().error().kind()).isEqualTo(ErrorKind.TOOL);
        assertThat(o.result().error().getMessage()).isEqualTo("sh() needs `--allow shell`: run it as: orch run FILE --allow shell");
        assertThat(run("workflow main() { print sh(\"echo hi\") }", Set.of("shell")).stdout()).isEqualTo("hi\n");
    }

    /** As `orch compile` then `orch run PLAN.json --allow ...`: the plan is made without the grants. */
    private Scripts.Outcome run(String source, Set<String> allowed) throws Exception {
        Path file = dir.resolve("test.orch");
        Files.writeString(file, source);
        Compilation c = Compiler.compile(new SourceFile(file.toString(), source), CompileOptions.CHECK);
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunOptions options = new RunOptions(dir, List.of(), new PrintStream(out, true, StandardCharsets.UTF_8), events::add,
                "test-run", null).withAllowed(allowed);
        RunResult result = Interpreter.run(c.plan(), "main", Map.of(), options);
        return new Scripts.Outcome(out.toString(StandardCharsets.UTF_8), result, events);
    }
}

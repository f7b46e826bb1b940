package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.events.RunEvent;
import org.junit.jupiter.api.Test;

/**
 * `diagnose(source)` and `estimate(source)`: a meta-agent's generated Orch, checked and planned as `run()` would
 * compile it, without running it, so a script can look (or ask a person) before it runs the text.
 */
class MetaBuiltinsTest {
    @Test
    void diagnoseListsWhatTheCompilerSaysWithPositionsAndRunsNothing() {
        var o = Scripts.run("""
                model m = mock()
                agent a { model: m }
                workflow main() {
                  for d in diagnose("workflow main() \\{\\n  return b(\\"x\\")\\n}") {
                    print "{d.severity} {d.line}:{d.col} {d.message}"
                  }
                  print len(diagnose("workflow main() \\{ return a(\\"x\\") }"))
                }
                """);
        assertThat(o.result().error()).isNull();
        assertThat(o.stdout()).startsWith("error 2:10 ").contains("'b'").endsWith("\n0\n");
        assertThat(o.events(RunEvent.TaskStarted.class)).isEmpty();
    }

    @Test
    void estimateGivesTheBoundsAndThePlanTextWithoutRunningTheScript() {
        var o = Scripts.run("""
                model m = mock()
                agent a { model: m, max_tokens: 100 }
                workflow main() {
                  team = "workflow main() \\{ for x in [1, 2, 3] \\{ a(\\"review \\{x}\\") } }"
                  e = estimate(team)
                  print "calls at most {e.calls_max}, tokens at most {e.tokens_max}"
                  print e.cost_max
                  print e.text contains "review"
                }
                """);
        assertThat(o.result().error()).isNull();
        assertThat(o.stdout()).startsWith("calls at most 3, tokens at most ").endsWith("\n0\ntrue\n")
                .doesNotContain("tokens at most 0\n");
        assertThat(o.events(RunEvent.TaskStarted.class)).isEmpty();
    }

    @Test
    void estimateOfTextThatDoesNotCompileIsBadOutputWithTheDiagnostics() {
        var o = Scripts.run("""
                model m = mock()
                agent a { model: m }
                workflow main() {
                  print estimate("workflow main() \\{ return nope(1) }")
                }
                """);
        assertThat(o.result().error().kind()).isEqualTo(ErrorKind.BAD_OUTPUT);
        assertThat(o.result().error().getMessage()).startsWith("the generated script does not compile (1 error):\n")
                .contains("generated.orch:1:", "'nope'");
    }
}

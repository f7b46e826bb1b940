package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.orch.interpreter.events.RunEvent;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mock scripts tool use offline: a rule's reply is a list of turns, each a call, parallel calls or the final
 * text with `$result`; the tools really run, and the mock behaves like a model where a script can tell (calls only
 * when offered tools, a misspelt tool comes back as an error result, a model that never answers hits max_turns).
 */
class MockToolTurnsTest {
    @TempDir Path dir;

    Scripts.Outcome run(String source) {
        return Scripts.run(dir, source, null, Map.of(), Scripts.NO_KEYS, Set.of(), false);
    }

    @Test
    void aRuleWritesAFileThenAnswersWithTheResult() throws Exception {
        var o = run("""
                model m = mock(rules: { "^Fix": [{ call: "write", args: { path: "fix.txt", text: "patched $0" } }, "done: $result"] })
                agent coder { model: m, tools: [read, write] }
                workflow main() {
                  r = coder("Fix the bug")
                  print "{r} | turns {r.turns} | {r.tool_calls[0].tool} {r.tool_calls[0].args.path} {r.tool_calls[0].ok}"
                }
                """);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("done: done | turns 2 | write fix.txt true\n");
        assertThat(Files.readString(dir.resolve("fix.txt"))).isEqualTo("patched Fix");
        assertThat(o.events(RunEvent.ToolStarted.class)).singleElement()
                .satisfies(s -> assertThat(List.of(s.tool(), s.turn(), s.task())).isEqualTo(List.of("write", 1, "main/4:3")));
        assertThat(o.events(RunEvent.ToolFinished.class)).extracting(RunEvent.ToolFinished::tool).containsExactly("write");
    }

    @Test
    void aListInATurnIsParallelCallsAndResultIsTheLastOne() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "alpha");
        Files.writeString(dir.resolve("b.txt"), "beta");
        var o = run("""
                model m = mock(rules: { "read both": [[{ call: "read", args: { path: "a.txt" } }, { call: "read", args: { path: "b.txt" } }], "last: $result"] })
                agent reader { model: m, tools: [read] }
                workflow main() {
                  r = reader("read both")
                  print "{r} | turns {r.turns} | calls {len(r.tool_calls)} | {r.tokens_in}"
                }
                """);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        // Turn 2 reads the prompt again plus both calls and both results: more tokens in than the prompt alone.
        assertThat(o.stdout()).startsWith("last: beta | turns 2 | calls 2 | ");
        long tokensIn = Long.parseLong(o.stdout().strip().replaceAll(".* \\| ", ""));
        assertThat(tokensIn).isGreaterThan(2 * 3);
    }

    @Test
    void aToolTheAgentLacksComesBackAsAnErrorResult() {
        var o = run("""
                model m = mock(rules: { "go": [{ call: "raed", args: { path: "a.txt" } }, "saw: $result"] })
                agent reader { model: m, tools: [read] }
                workflow main() {
                  r = reader("go")
                  print "{r} | {r.tool_calls[0].ok}"
                }
                """);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("saw: there is no tool named 'raed'; the tools are read | false\n");
        assertThat(o.events(RunEvent.ToolStarted.class)).isEmpty();
    }

    @Test
    void aModelThatKeepsCallingFailsWithMaxTurns() {
        var o = run("""
                model m = mock(rules: { "loop": [{ call: "ls", args: { path: "." } }] })
                agent looper { model: m, tools: [ls], max_turns: 3 }
                workflow main() {
                  print looper("loop")
                }
                """);

        assertThat(o.result().ok()).isFalse();
        assertThat(o.error().kind()).isEqualTo(ErrorKind.MAX_TURNS);
        assertThat(o.error().getMessage()).contains("after 3 turns (max_turns: 3)");
    }

    @Test
    void callsWithoutToolsOfferedAreBadOutput() {
        var o = run("""
                model m = mock(rules: { "go": [{ call: "read", args: { path: "a.txt" } }, "x"] })
                agent plain { model: m }
                workflow main() {
                  print plain("go")
                }
                """);

        assertThat(o.result().ok()).isFalse();
        assertThat(o.error().kind()).isEqualTo(ErrorKind.BAD_OUTPUT);
        assertThat(o.error().getMessage()).isEqualTo("mock: the rule \"go\" calls tools, but the agent offers none; give it tools: [...]");
    }
}

package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.testkit.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `tool NAME(PARAMS) -> T "what it does" { ... }`: the model is offered its JSON schema (from the parameters' types,
 * with their descriptions; a parameter with a default is not required), its calls run the body with the arguments
 * checked against the types, and arguments that do not fit go back to the model as an error it can act on.
 */
class DeclaredToolsTest {
    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();
    @TempDir Path dir;

    static final String TOOLS = """
            type Finding { file: text, line: number, note?: text }

            tool report(findings: [Finding] "what was found", level: "low" | "high" "how bad it is", draft: bool = false) -> text "Records findings and says how many" {
              return "{len(findings)} {level} finding(s), the first in {findings[0].file}:{findings[0].line} (draft: {draft})"
            }
            """;

    @Test
    void theModelIsOfferedTheSchemaOfTheParametersTypesAndTheToolRunsItsBody() throws Exception {
        server.enqueue(ToolLoopTest.json("""
                {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-x",
                 "choices": [{"index": 0, "finish_reason": "tool_calls",
                   "message": {"role": "assistant", "content": null,
                     "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "report",
                       "arguments": "{\\"findings\\": [{\\"file\\": \\"a.py\\", \\"line\\": 3}], \\"level\\": \\"high\\"}"}}]}}],
                 "usage": {"prompt_tokens": 50, "completion_tokens": 10, "total_tokens": 60}}"""));
        server.enqueue(ToolLoopTest.json("""
                {"id": "chatcmpl-2", "object": "chat.completion", "model": "gpt-x",
                 "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "Reported."}}],
                 "usage": {"prompt_tokens": 70, "completion_tokens": 2, "total_tokens": 72}}"""));
        String source = "model m = openai(\"gpt-x\", base_url: \"" + server.url("/v1") + "\", api_key_env: \"ORCH_TEST_KEY\")\n"
                + TOOLS + """
                agent auditor { model: m, tools: [report] }
                workflow main() {
                  print auditor("Audit a.py")
                }
                """;

        var o = Scripts.run(dir, source, null, Map.of(), ToolLoopTest.ENV, Set.of(), false);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("Reported.\n");
        JsonNode first = ToolLoopTest.JSON.readTree(server.takeRequest().getBody().readUtf8());
        assertThat(first.get("tools")).isEqualTo(ToolLoopTest.JSON.readTree("""
                [{"type": "function", "function": {"name": "report", "description": "Records findings and says how many",
                  "parameters": {"type": "object", "properties": {
                    "findings": {"type": "array", "description": "what was found", "items": {"type": "object",
                      "properties": {"file": {"type": "string"}, "line": {"type": "number"}, "note": {"type": ["string", "null"]}},
                      "required": ["file", "line", "note"], "additionalProperties": false}},
                    "level": {"type": "string", "enum": ["low", "high"], "description": "how bad it is"},
                    "draft": {"type": "boolean"}},
                  "required": ["findings", "level"], "additionalProperties": false}}}]"""));
        JsonNode second = ToolLoopTest.JSON.readTree(server.takeRequest().getBody().readUtf8());
        JsonNode result = second.get("messages").get(2);
        assertThat(result.get("role").asText()).isEqualTo("tool");
        assertThat(result.get("content").asText()).isEqualTo("1 high finding(s), the first in a.py:3 (draft: false)");
    }

    @Test
    void argumentsThatDoNotFitTheTypesGoBackToTheModelAsAnError() throws Exception {
        var o = Scripts.run(dir, """
                model m = mock(rules: { "^Audit": [
                  { call: "report", args: { findings: [{ file: "a.py", line: "three" }], level: "high" } },
                  { call: "report", args: { findings: [], level: "urgent" } },
                  { call: "report", args: { level: "low" } },
                  { call: "report", args: { findings: [{ file: "a.py", line: 3 }], level: "low", color: "red" } },
                  { call: "report", args: { findings: [{ file: "a.py", line: 3 }], level: "low", draft: true } },
                  "$result"
                ] })
                """ + TOOLS + """
                agent auditor { model: m, tools: [report] }
                workflow main() {
                  r = auditor("Audit a.py")
                  print r
                  for call in r.tool_calls {
                    print "{call.tool} ok: {call.ok}"
                  }
                }
                """, null, Map.of(), Scripts.NO_KEYS, Set.of(), false);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("""
                1 low finding(s), the first in a.py:3 (draft: true)
                report ok: false
                report ok: false
                report ok: false
                report ok: false
                report ok: true
                """);
        assertThat(o.events(RunEvent.ToolFailed.class)).extracting(RunEvent.ToolFailed::error).containsExactly(
                "fail: the arguments do not fit report: $.findings[0].line: expected a number, got \"three\"",
                "fail: the arguments do not fit report: $.level: expected \"low\" | \"high\", got \"urgent\"",
                "fail: report needs the argument 'findings'",
                "fail: report has no parameter 'color'; it takes findings, level, draft");
    }

    @Test
    void whatAToolDoesIsNamedUnderItsCallAndItsEffectsRunInTheScriptsFolder() throws Exception {
        var o = Scripts.run(dir, """
                model m = mock(rules: { "^Note": [{ call: "note", args: { text: "first" } }, { call: "note", args: { text: "second" } }, "noted"] })
                tool note(text: text "what to note") "Appends a line to notes.log" {
                  append("notes.log", "{text}\\n")
                  return "noted {text}"
                }
                agent scribe { model: m, tools: [note] }
                workflow main() {
                  print scribe("Note two things")
                }
                """, null, Map.of(), Scripts.NO_KEYS, Set.of("write"), false);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(Files.readAllLines(dir.resolve("notes.log"))).containsExactly("first", "second");
        assertThat(o.events(RunEvent.ToolStarted.class)).extracting(RunEvent.ToolStarted::tool).containsExactly("note", "note");
    }
}

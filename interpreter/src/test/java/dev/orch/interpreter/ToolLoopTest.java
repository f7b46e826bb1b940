package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.provider.Env;
import dev.orch.testkit.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent with tools against a local fake OpenAI and Anthropic server: the exact request bodies of a two-turn
 * conversation (the tools' schemas, the assistant's calls repeated, the results), streamed and not; several calls in
 * one turn running at once; a failing tool reported to the model; `max_turns`.
 */
class ToolLoopTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Env ENV = Map.of("ORCH_TEST_KEY", "sk-orch-test-key")::get;

    static final String READ_SCHEMA = """
            {"type": "object",
             "properties": {"path": {"type": "string", "description": "the file's path"}},
             "required": ["path"], "additionalProperties": false}""";
    static final String READ_DESCRIPTION = "Reads a text file, relative to the working folder, and returns its text.";

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();
    @TempDir Path dir;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "buy milk");
    }

    String openai() {
        return "model m = openai(\"gpt-x\", base_url: \"" + server.url("/v1") + "\", api_key_env: \"ORCH_TEST_KEY\")\n";
    }

    String anthropic() {
        return "model m = anthropic(\"claude-x\", base_url: \"" + server.url("/") + "\", api_key_env: \"ORCH_TEST_KEY\")\n";
    }

    static final String SCRIPT = """
            agent helper { model: m, system: "Use the tools.", tools: [read] }
            workflow main() {
              r = helper("What does notes.txt say?")
              print "{r} | turns {r.turns} | {r.tool_calls[0].tool} {r.tool_calls[0].args.path} {r.tool_calls[0].ok} | {r.tokens_in} {r.tokens_out}"
            }
            """;

    Scripts.Outcome run(String source, boolean stream) {
        return Scripts.run(dir, source, null, Map.of(), ENV, Set.of(), stream);
    }

    List<JsonNode> bodies(int n) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RecordedRequest r = server.takeRequest();
            out.add(JSON.readTree(r.getBody().readUtf8()));
        }
        return out;
    }

    static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    static MockResponse sse(String body) {
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(body);
    }

    // ---- OpenAI ----

    static final String OPENAI_CALL = """
            {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-x-1",
             "choices": [{"index": 0, "finish_reason": "tool_calls",
               "message": {"role": "assistant", "content": null, "refusal": null,
                 "tool_calls": [{"id": "call_qOfTGgDrItLORNfC6VwUbyLL", "type": "function",
                   "function": {"name": "read", "arguments": "{\\"path\\":\\"notes.txt\\"}"}}]}}],
             "usage": {"prompt_tokens": 91, "completion_tokens": 14, "total_tokens": 105}}""";

    static final String OPENAI_ANSWER = """
            {"id": "chatcmpl-2", "object": "chat.completion", "model": "gpt-x-1",
             "choices": [{"index": 0, "finish_reason": "stop",
               "message": {"role": "assistant", "content": "It says: buy milk"}}],
             "usage": {"prompt_tokens": 120, "completion_tokens": 6, "total_tokens": 126}}""";

    static final String OPENAI_SECOND_MESSAGES = """
            [{"role": "system", "content": "Use the tools."},
             {"role": "user", "content": "What does notes.txt say?"},
             {"role": "assistant", "content": null,
              "tool_calls": [{"id": "call_qOfTGgDrItLORNfC6VwUbyLL", "type": "function",
                "function": {"name": "read", "arguments": "{\\"path\\":\\"notes.txt\\"}"}}]},
             {"role": "tool", "tool_call_id": "call_qOfTGgDrItLORNfC6VwUbyLL", "content": "buy milk"}]""";

    static final String OPENAI_TOOLS = """
            [{"type": "function", "function": {"name": "read", "description": "%s", "parameters": %s}}]"""
            .formatted(READ_DESCRIPTION, READ_SCHEMA);

    @Test
    void openAiTwoTurnsSendTheToolsThenTheCallAndItsResult() throws Exception {
        server.enqueue(json(OPENAI_CALL));
        server.enqueue(json(OPENAI_ANSWER));

        var o = run(openai() + SCRIPT, false);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("It says: buy milk | turns 2 | read notes.txt true | 211 20\n");
        assertThat(o.result().calls()).isEqualTo(2);
        List<JsonNode> b = bodies(2);
        assertThat(b.get(0)).isEqualTo(JSON.readTree("""
                {"model": "gpt-x", "messages": [{"role": "system", "content": "Use the tools."},
                  {"role": "user", "content": "What does notes.txt say?"}], "tools": %s}""".formatted(OPENAI_TOOLS)));
        assertThat(b.get(1)).isEqualTo(JSON.readTree("""
                {"model": "gpt-x", "messages": %s, "tools": %s}""".formatted(OPENAI_SECOND_MESSAGES, OPENAI_TOOLS)));
    }

    @Test
    void openAiStreamedToolCallArgumentsArriveInPieces() throws Exception {
        server.enqueue(sse("""
                data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-x-1","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_qOfTGgDrItLORNfC6VwUbyLL","type":"function","function":{"name":"read","arguments":""}}]},"finish_reason":null}]}

                data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-x-1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"pa"}}]},"finish_reason":null}]}

                data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-x-1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"th\\":\\"notes.txt\\"}"}}]},"finish_reason":null}]}

                data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-x-1","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

                data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-x-1","choices":[],"usage":{"prompt_tokens":91,"completion_tokens":14,"total_tokens":105}}

                data: [DONE]

                """));
        server.enqueue(sse("""
                data: {"id":"c2","object":"chat.completion.chunk","model":"gpt-x-1","choices":[{"index":0,"delta":{"role":"assistant","content":"It says: "},"finish_reason":null}]}

                data: {"id":"c2","object":"chat.completion.chunk","model":"gpt-x-1","choices":[{"index":0,"delta":{"content":"buy milk"},"finish_reason":"stop"}]}

                data: {"id":"c2","object":"chat.completion.chunk","model":"gpt-x-1","choices":[],"usage":{"prompt_tokens":120,"completion_tokens":6,"total_tokens":126}}

                data: [DONE]

                """));

        var o = run(openai() + SCRIPT, true);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("It says: buy milk | turns 2 | read notes.txt true | 211 20\n");
        List<JsonNode> b = bodies(2);
        String streamed = ", \"stream\": true, \"stream_options\": {\"include_usage\": true}";
        assertThat(b.get(1)).isEqualTo(JSON.readTree("""
                {"model": "gpt-x", "messages": %s, "tools": %s%s}""".formatted(OPENAI_SECOND_MESSAGES, OPENAI_TOOLS, streamed)));
    }

    // ---- Anthropic ----

    static final String ANTHROPIC_CALL = """
            {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-x-1",
             "content": [{"type": "text", "text": "I'll read it."},
               {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "read", "input": {"path": "notes.txt"}}],
             "stop_reason": "tool_use", "usage": {"input_tokens": 300, "output_tokens": 40}}""";

    static final String ANTHROPIC_ANSWER = """
            {"id": "msg_02", "type": "message", "role": "assistant", "model": "claude-x-1",
             "content": [{"type": "text", "text": "It says: buy milk"}],
             "stop_reason": "end_turn", "usage": {"input_tokens": 360, "output_tokens": 8}}""";

    static final String ANTHROPIC_TOOLS = """
            [{"name": "read", "description": "%s", "input_schema": %s}]""".formatted(READ_DESCRIPTION, READ_SCHEMA);

    static final String ANTHROPIC_SECOND_MESSAGES = """
            [{"role": "user", "content": "What does notes.txt say?"},
             {"role": "assistant", "content": [{"type": "text", "text": "I'll read it."},
               {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "read", "input": {"path": "notes.txt"}}]},
             {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9", "content": "buy milk"}]}]""";

    @Test
    void anthropicTwoTurnsSendTheToolsThenTheToolUseAndItsResult() throws Exception {
        server.enqueue(json(ANTHROPIC_CALL));
        server.enqueue(json(ANTHROPIC_ANSWER));

        var o = run(anthropic() + SCRIPT, false);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("It says: buy milk | turns 2 | read notes.txt true | 660 48\n");
        List<JsonNode> b = bodies(2);
        assertThat(b.get(0)).isEqualTo(JSON.readTree("""
                {"model": "claude-x", "max_tokens": 4096, "system": "Use the tools.",
                 "messages": [{"role": "user", "content": "What does notes.txt say?"}], "tools": %s}""".formatted(ANTHROPIC_TOOLS)));
        assertThat(b.get(1)).isEqualTo(JSON.readTree("""
                {"model": "claude-x", "max_tokens": 4096, "system": "Use the tools.", "messages": %s, "tools": %s}"""
                .formatted(ANTHROPIC_SECOND_MESSAGES, ANTHROPIC_TOOLS)));
    }

    @Test
    void anthropicStreamedToolInputArrivesAsJsonDeltas() throws Exception {
        server.enqueue(sse("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"claude-x-1","content":[],"stop_reason":null,"usage":{"input_tokens":300,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"I'll read it."}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"read","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"path\\": \\"no"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"tes.txt\\"}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":1}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":40}}

                event: message_stop
                data: {"type":"message_stop"}

                """));
        server.enqueue(sse("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_02","type":"message","role":"assistant","model":"claude-x-1","content":[],"usage":{"input_tokens":360,"output_tokens":1}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"It says: buy milk"}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":8}}

                event: message_stop
                data: {"type":"message_stop"}

                """));

        var o = run(anthropic() + SCRIPT, true);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("It says: buy milk | turns 2 | read notes.txt true | 660 48\n");
        List<JsonNode> b = bodies(2);
        // The input goes back as the object the model wrote, whatever the spacing of its pieces.
        assertThat(b.get(1)).isEqualTo(JSON.readTree("""
                {"model": "claude-x", "max_tokens": 4096, "system": "Use the tools.", "messages": %s, "tools": %s, "stream": true}"""
                .formatted(ANTHROPIC_SECOND_MESSAGES, ANTHROPIC_TOOLS)));
    }

    @Test
    void aFailingToolGoesBackToTheModelAsAnErrorResult() throws Exception {
        server.enqueue(json(ANTHROPIC_CALL.replace("notes.txt", "missing.txt")));
        server.enqueue(json(ANTHROPIC_ANSWER.replace("It says: buy milk", "There is no such file.")));

        var o = run(anthropic() + SCRIPT, false);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).startsWith("There is no such file. | turns 2 | read missing.txt false |");
        JsonNode result = bodies(2).get(1).path("messages").get(2).path("content").get(0);
        assertThat(result).isEqualTo(JSON.readTree("""
                {"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9",
                 "content": "tool: read(\\"missing.txt\\"): no such file", "is_error": true}"""));
    }

    @Test
    void openAiHasNoErrorFlagSoAFailedResultSaysErrorFirst() throws Exception {
        server.enqueue(json(OPENAI_CALL.replace("notes.txt", "missing.txt")));
        server.enqueue(json(OPENAI_ANSWER));

        var o = run(openai() + SCRIPT, false);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        JsonNode result = bodies(2).get(1).path("messages").get(3);
        assertThat(result.path("content").asText()).isEqualTo("error: tool: read(\"missing.txt\"): no such file");
    }

    @Test
    void callsInOneTurnRunAtTheSameTime() throws Exception {
        // Each http tool call waits at this second server until both have arrived: only calls made at once finish.
        CountDownLatch both = new CountDownLatch(2);
        try (MockWebServer site = new MockWebServer()) {
            site.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    both.countDown();
                    boolean together = both.await(10, TimeUnit.SECONDS);
                    return new MockResponse().setBody(together ? "page " + request.getPath() : "alone");
                }
            });
            site.start();
            String a = site.url("/a").toString();
            String b = site.url("/b").toString();
            server.enqueue(json("""
                    {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-x-1",
                     "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
                       "tool_calls": [
                         {"id": "call_a", "type": "function", "function": {"name": "http", "arguments": "{\\"url\\":\\"%s\\"}"}},
                         {"id": "call_b", "type": "function", "function": {"name": "http", "arguments": "{\\"url\\":\\"%s\\"}"}}]}}],
                     "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}}""".formatted(a, b)));
            server.enqueue(json(OPENAI_ANSWER));

            var o = Scripts.run(dir, openai() + """
                    agent helper { model: m, tools: [http] }
                    workflow main() {
                      r = helper("Fetch both pages")
                      print "{len(r.tool_calls)} calls, {r.tool_calls[0].ok} {r.tool_calls[1].ok}"
                    }
                    """, null, Map.of(), ENV, Set.of("net", "net:localhost"), false);

            assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
            assertThat(o.stdout()).isEqualTo("2 calls, true true\n");
            JsonNode messages = bodies(2).get(1).path("messages");
            // Results in the order the model asked for them, each with its own call's id.
            assertThat(messages.get(2).path("tool_call_id").asText()).isEqualTo("call_a");
            assertThat(messages.get(2).path("content").asText()).isEqualTo("page /a");
            assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_b");
            assertThat(messages.get(3).path("content").asText()).isEqualTo("page /b");
        }
    }

    @Test
    void aModelStillCallingToolsAtMaxTurnsFailsWithMaxTurns() throws Exception {
        for (int i = 0; i < 5; i++) server.enqueue(json(OPENAI_CALL));

        var o = run(openai() + """
                agent helper { model: m, tools: [read], max_turns: 3 }
                workflow main() {
                  print helper("Loop forever")
                }
                """, false);

        assertThat(o.result().ok()).isFalse();
        assertThat(o.error().kind()).isEqualTo(ErrorKind.MAX_TURNS);
        assertThat(o.error().getMessage()).contains("after 3 turns (max_turns: 3)");
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(o.result().calls()).isEqualTo(3);
    }

    @Test
    void theBudgetAdmitsEachTurnOnItsOwn() throws Exception {
        server.enqueue(json(OPENAI_CALL));
        server.enqueue(json(OPENAI_ANSWER));

        // The first turn fits; the second does not fit beside what the first really used (105 tokens).
        var o = run(openai() + """
                budget { tokens: 180 }
                agent helper { model: m, tools: [read], max_tokens: 20 }
                workflow main() {
                  print helper("What does notes.txt say?")
                }
                """, false);

        assertThat(o.result().ok()).isFalse();
        assertThat(o.error().kind()).isEqualTo(ErrorKind.BUDGET);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aModelsReplyPassedToShAsAListCreatesNoFile() {
        var o = Scripts.run(dir, """
                model fast = mock(rules: { "name": "fixed; touch pwned" })
                agent namer { model: fast }
                workflow main() {
                  name = namer("Pick a branch name")
                  print sh(["echo", name])
                }
                """, null, Map.of(), ENV, Set.of("shell"), false);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("fixed; touch pwned\n");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void shAsAToolRunsAnArgumentListAndRefusesAText() throws Exception {
        server.enqueue(json("""
                {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-x-1",
                 "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
                   "tool_calls": [
                     {"id": "call_list", "type": "function", "function": {"name": "sh", "arguments": "{\\"command\\":[\\"echo\\",\\"a; touch pwned\\"]}"}},
                     {"id": "call_text", "type": "function", "function": {"name": "sh", "arguments": "{\\"command\\":\\"touch pwned\\"}"}}]}}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}}"""));
        server.enqueue(json(OPENAI_ANSWER));

        var o = Scripts.run(dir, openai() + """
                agent helper { model: m, tools: [sh] }
                workflow main() {
                  r = helper("Run something")
                  print "{r.tool_calls[0].ok} {r.tool_calls[1].ok}"
                }
                """, null, Map.of(), ENV, Set.of("shell"), false);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("true false\n");
        assertThat(dir.resolve("pwned")).doesNotExist();
        List<JsonNode> b = bodies(2);
        assertThat(b.get(0).path("tools").get(0).path("function").path("parameters")).isEqualTo(JSON.readTree("""
                {"type": "object", "properties": {"command": {"type": "array",
                  "description": "the program and its arguments, such as [\\"git\\", \\"status\\"]", "items": {"type": "string"}}},
                 "required": ["command"], "additionalProperties": false}"""));
        JsonNode messages = b.get(1).path("messages");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("a; touch pwned");
        assertThat(messages.get(3).path("content").asText()).startsWith("error: fail: sh takes command as a list");
    }
}

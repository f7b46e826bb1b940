package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.stdlib.provider.Env;
import dev.orch.testkit.LoopbackServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One JSON path for every provider: the same reply text gives the same result from the mock, from an
 * OpenAI-compatible server and from Anthropic, streamed or not. The servers here answer in text (as a compatible
 * server that ignores `response_format`, or a proxy that ignores `tool_choice`, does), so the text takes the same
 * road as the mock's.
 */
class TypedRepliesTest {
    static final String KEY = "sk-orch-test-9f8e7d6c5b4a-SECRET";
    static final Env ENV = Map.of("ORCH_TEST_KEY", KEY)::get;

    static final String SCRIPT = """
            type Review {
              verdict: "approve" | "revise"
              score: number
              issues: [text]
              notes?: text
            }
            agent reviewer { model: m, output: Review }
            workflow main() {
              r = reviewer("Review: v1")
              print "{r.verdict} {r.score} {r.issues} {r.notes}"
            }
            """;

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    @ParameterizedTest
    @ValueSource(strings = {
        "```json\n{\"verdict\": \"revise\", \"score\": 6, \"issues\": [\"no tests\"]}\n```",
        "Here is my review:\n{\"verdict\": \"approve\", \"score\": 9, \"issues\": []}",
        "{\"verdict\": \"revise\", \"score\": \"high\", \"issues\": []}",
        "{\"verdict\": \"approve\", \"score\": 9, \"issues\": []} Hope this helps!",
    })
    void theSameReplyTextGivesTheSameResultOnEveryProviderStreamedOrNot(String reply) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        outcomes.put("mock", outcome("model m = mock(rules: { \"Review\": " + orchString(reply) + " })\n", false));
        for (boolean stream : new boolean[] {false, true}) {
            server.enqueue(stream ? openAiStream(reply) : openAiWhole(reply));
            outcomes.put("openai" + (stream ? " streamed" : ""), outcome("model m = openai(\"gpt-x\", base_url: \""
                    + server.url("/v1") + "\", api_key_env: \"ORCH_TEST_KEY\")\n", stream));
            server.enqueue(stream ? anthropicStream(reply) : anthropicWhole(reply));
            outcomes.put("anthropic" + (stream ? " streamed" : ""), outcome("model m = anthropic(\"claude-x\", base_url: \""
                    + server.url("/") + "\", api_key_env: \"ORCH_TEST_KEY\")\n", stream));
        }

        String mock = outcomes.get("mock");
        assertThat(outcomes).allSatisfy((provider, result) -> assertThat(result).as(provider).isEqualTo(mock));
        assertThat(mock).startsWith(switch (reply.substring(0, 4)) {
            case "```j" -> "revise 6 [\"no tests\"] null\n";
            case "Here" -> "approve 9 [] null\n";
            default -> reply.contains("high")
                    ? "bad_output: the reply does not fit Review: $.score: expected a number, got \"high\""
                    : "bad_output: the reply does not fit Review: the reply is not JSON (it starts: \"{\"verdict\"";
        });
    }

    private static String outcome(String model, boolean stream) {
        try {
            Scripts.Outcome o = Scripts.run(Files.createTempDirectory("orch-test"), model + SCRIPT, null, Map.of(), ENV,
                    Set.of(), stream);
            return o.error() == null ? o.stdout() : o.error().kind().word() + ": " + o.error().getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text as an Orch string literal: quotes, backslashes, braces and newlines escaped. */
    private static String orchString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("{", "\\{").replace("\n", "\\n") + "\"";
    }

    private static String quoted(String text) {
        return JsonNodeFactory.instance.textNode(text).toString();
    }

    private static MockResponse openAiWhole(String text) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-x-2026",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 30, "completion_tokens": 20, "total_tokens": 50}}
                """.formatted(quoted(text)));
    }

    private static MockResponse openAiStream(String text) {
        StringBuilder sse = new StringBuilder();
        int half = text.length() / 2;
        for (String piece : new String[] {text.substring(0, half), text.substring(half)}) {
            ObjectNode chunk = JsonNodeFactory.instance.objectNode().put("model", "gpt-x-2026");
            chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason")
                    .putObject("delta").put("content", piece);
            sse.append("data: ").append(chunk).append("\n\n");
        }
        sse.append("data: {\"model\":\"gpt-x-2026\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        sse.append("data: [DONE]\n\n");
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setChunkedBody(sse.toString(), 41);
    }

    private static MockResponse anthropicWhole(String text) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-x-2026",
                 "content": [{"type": "text", "text": %s}], "stop_reason": "end_turn",
                 "usage": {"input_tokens": 30, "output_tokens": 20}}
                """.formatted(quoted(text)));
    }

    private static MockResponse anthropicStream(String text) {
        int half = text.length() / 2;
        String sse = """
                event: message_start
                data: {"type":"message_start","message":{"model":"claude-x-2026","usage":{"input_tokens":30,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":%s}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":%s}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":20}}

                event: message_stop
                data: {"type":"message_stop"}

                """.formatted(quoted(text.substring(0, half)), quoted(text.substring(half)));
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setChunkedBody(sse, 41);
    }
}

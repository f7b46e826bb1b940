package dev.orch.stdlib.provider.http;

import static dev.orch.stdlib.provider.Models.ENV;
import static dev.orch.stdlib.provider.Models.spec;
import static dev.orch.testkit.Replies.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orch.compiler.lang.DataType;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.tool.ToolSpec;
import dev.orch.testkit.LoopbackServer;
import dev.orch.testkit.Replies;
import dev.orch.testkit.TestResources;
import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent with `output: T` on the wire: OpenAI-compatible servers are asked through `response_format` json_schema
 * (strict, optional fields nullable and still required, `additionalProperties: false`), Anthropic through one forced
 * tool whose input is the value; a reply cut at max_tokens is `truncated` on both, never a cut value.
 */
class TypedOutputWireTest {
    static final DataType REVIEW = new DataType.Obj("Review", List.of(
            new DataType.Field("verdict", false, new DataType.Union(List.of("approve", "revise"))),
            new DataType.Field("score", false, DataType.NUMBER),
            new DataType.Field("issues", false, new DataType.ListOf(DataType.TEXT)),
            new DataType.Field("notes", true, DataType.TEXT),
            new DataType.Field("author", false, new DataType.Obj(null, List.of(
                    new DataType.Field("name", false, DataType.TEXT),
                    new DataType.Field("team", false, DataType.TEXT))))));

    static final String REVIEW_SCHEMA = """
            {"type": "object",
             "properties": {
               "verdict": {"type": "string", "enum": ["approve", "revise"]},
               "score": {"type": "number"},
               "issues": {"type": "array", "items": {"type": "string"}},
               "notes": {"type": ["string", "null"]},
               "author": {"type": "object",
                          "properties": {"name": {"type": "string"}, "team": {"type": "string"}},
                          "required": ["name", "team"], "additionalProperties": false}},
             "required": ["verdict", "score", "issues", "notes", "author"],
             "additionalProperties": false}
            """;

    static final String VALUE = "{\"verdict\":\"revise\",\"score\":6,\"issues\":[\"no tests\"],\"notes\":null,"
            + "\"author\":{\"name\":\"Ada\",\"team\":\"core\"}}";

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    Provider openai() {
        return HttpProviders.create(spec("openai", "gpt-4o", server.url("/v1").toString()), ENV);
    }

    Provider anthropic() {
        return HttpProviders.create(spec("anthropic", "claude-sonnet-4-5", server.url("/").toString()), ENV);
    }

    static CompletionRequest typed(DataType output, List<ToolSpec> tools, CompletionRequest.TokenListener onToken) {
        return new CompletionRequest(null, "You review.", "Review: v1", 0.2, 500, false, Duration.ofSeconds(10),
                onToken, tools, List.of(), false, output);
    }

    static CompletionRequest typed(DataType output) {
        return typed(output, List.of(), CompletionRequest.TokenListener.NONE);
    }

    static MockResponse sse(String body) {
        return Replies.sse(body, 53);
    }

    JsonNode sentBody() throws Exception {
        return Json.parse(server.takeRequest().getBody().readUtf8());
    }

    static String openAiReply(String content, String finishReason) {
        return """
                {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o-2024-08-06",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s, "refusal": null},
                              "finish_reason": "%s"}],
                 "usage": {"prompt_tokens": 120, "completion_tokens": 40, "total_tokens": 160}}
                """.formatted(Json.write(Json.MAPPER.getNodeFactory().textNode(content)), finishReason);
    }

    static String anthropicToolUse(String name, String input, String stopReason) {
        return """
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                 "content": [{"type": "tool_use", "id": "toolu_1", "name": "%s", "input": %s}],
                 "stop_reason": "%s", "stop_sequence": null,
                 "usage": {"input_tokens": 410, "output_tokens": 52}}
                """.formatted(name, input, stopReason);
    }

    @Test
    void openAiIsAskedForTheTypesSchemaStrictly() throws Exception {
        server.enqueue(json(openAiReply(VALUE, "stop")));

        Completion reply = openai().complete(typed(REVIEW));

        assertThat(reply.text()).isEqualTo(VALUE);
        assertThat(sentBody()).isEqualTo(Json.parse("""
                {"model": "gpt-4o",
                 "messages": [{"role": "system", "content": "You review."}, {"role": "user", "content": "Review: v1"}],
                 "temperature": 0.2,
                 "max_tokens": 500,
                 "response_format": {"type": "json_schema",
                                     "json_schema": {"name": "Review", "strict": true, "schema": %s}}}
                """.formatted(REVIEW_SCHEMA)));
    }

    @Test
    void aTypeWithAnyIsAskedForWithoutStrict() throws Exception {
        DataType loose = new DataType.Obj("Loose", List.of(new DataType.Field("data", false, DataType.ANY)));
        server.enqueue(json(openAiReply("{\"data\": [1, \"x\"]}", "stop")));

        openai().complete(typed(loose));

        JsonNode format = sentBody().path("response_format").path("json_schema");
        assertThat(format.path("strict").asBoolean(true)).isFalse();
        assertThat(format.path("schema").path("properties").path("data").toString()).isEqualTo("{}");
    }

    @Test
    void aValueThatIsNotAnObjectTravelsInsideOneAndComesBackUnwrapped() throws Exception {
        DataType names = new DataType.ListOf(DataType.TEXT);
        server.enqueue(json(openAiReply("{\"value\":[\"a\",\"b\"]}", "stop")));

        Completion reply = openai().complete(typed(names));

        assertThat(reply.text()).isEqualTo("[\"a\",\"b\"]");
        assertThat(sentBody().path("response_format").path("json_schema")).isEqualTo(Json.parse("""
                {"name": "output", "strict": true,
                 "schema": {"type": "object", "properties": {"value": {"type": "array", "items": {"type": "string"}}},
                            "required": ["value"], "additionalProperties": false}}
                """));
    }

    @Test
    void aRecordedStructuredReplyIsTheValueStreamedAndPlain() throws Exception {
        DataType location = new DataType.Obj("Location", List.of(
                new DataType.Field("city", false, DataType.TEXT),
                new DataType.Field("temperature", false, DataType.NUMBER),
                new DataType.Field("units", false, new DataType.Union(List.of("c", "f")))));
        String recorded = TestResources.text("wire/openai/plain-json-schema.json");
        server.enqueue(json(recorded));
        server.enqueue(sse(WireForms.openAiPlainToStream(recorded)));

        Completion plain = openai().complete(typed(location));
        Completion streamed = openai().complete(typed(location, List.of(), text -> { }));

        assertThat(plain.text()).isEqualTo("{\"city\":\"San Francisco\",\"temperature\":65,\"units\":\"f\"}");
        assertThat(streamed).isEqualTo(plain);
    }

    @Test
    void aTypedReplyCutAtMaxTokensIsTruncatedOnOpenAiStreamedAndPlain() throws Exception {
        String recorded = TestResources.text("wire/openai/plain-length.json");
        server.enqueue(json(recorded));
        server.enqueue(sse(WireForms.openAiPlainToStream(recorded)));

        for (CompletionRequest.TokenListener listener : List.<CompletionRequest.TokenListener>of(
                CompletionRequest.TokenListener.NONE, text -> { })) {
            ProviderException e = catchThrowableOfType(ProviderException.class,
                    () -> openai().complete(typed(REVIEW, List.of(), listener)));
            assertThat(e.kind()).isEqualTo(ErrorKind.TRUNCATED);
            assertThat(e.getMessage()).contains("the provider said \"length\"");
        }
    }

    @Test
    void anthropicIsAskedThroughOneForcedToolWhoseInputSchemaIsTheType() throws Exception {
        server.enqueue(json(anthropicToolUse("Review", VALUE, "tool_use")));

        Completion reply = anthropic().complete(typed(REVIEW));

        assertThat(reply.text()).isEqualTo(VALUE);
        assertThat(reply.toolCalls()).isEmpty();
        assertThat(reply.tokensIn()).isEqualTo(410);
        assertThat(sentBody()).isEqualTo(Json.parse("""
                {"model": "claude-sonnet-4-5",
                 "max_tokens": 500,
                 "system": "You review.",
                 "messages": [{"role": "user", "content": "Review: v1"}],
                 "tools": [{"name": "Review", "description": "%s", "input_schema": %s}],
                 "tool_choice": {"type": "tool", "name": "Review"},
                 "temperature": 0.2}
                """.formatted(AnthropicTools.OUTPUT_DESCRIPTION, REVIEW_SCHEMA)));
    }

    @Test
    void anthropicsToolInputIsTheValueStreamedAsWell() throws Exception {
        server.enqueue(sse("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_2","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"usage":{"input_tokens":410,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_2","name":"output","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"value\\": [\\"a\\","}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":" \\"b\\"]}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":21}}

                event: message_stop
                data: {"type":"message_stop"}

                """));

        Completion reply = anthropic().complete(typed(new DataType.ListOf(DataType.TEXT), List.of(), text -> { }));

        assertThat(reply.text()).isEqualTo("[\"a\",\"b\"]");
        assertThat(reply.tokensOut()).isEqualTo(21);
    }

    @Test
    void withToolsTheOutputIsOneMoreToolTheModelMayCallWhenItIsDone() throws Exception {
        ToolSpec read = new ToolSpec("read", "Reads a file.", Json.parse(
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}"));
        server.enqueue(json(anthropicToolUse("read", "{\"path\": \"a.txt\"}", "tool_use")));
        server.enqueue(json(anthropicToolUse("Review", VALUE, "tool_use")));

        Completion first = anthropic().complete(typed(REVIEW, List.of(read), CompletionRequest.TokenListener.NONE));
        Completion answer = anthropic().complete(typed(REVIEW, List.of(read), CompletionRequest.TokenListener.NONE));

        assertThat(first.toolCalls()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("read"));
        assertThat(answer.toolCalls()).isEmpty();
        assertThat(answer.text()).isEqualTo(VALUE);
        JsonNode body = sentBody();
        assertThat(body.path("tools")).extracting(t -> t.path("name").asText()).containsExactly("read", "Review");
        assertThat(body.path("tool_choice")).isEqualTo(Json.parse("{\"type\": \"auto\"}"));
    }

    @Test
    void aToolInputCutAtMaxTokensIsTruncatedNeverACutValue() throws Exception {
        server.enqueue(json(anthropicToolUse("Review", "{\"verdict\": \"revise\"}", "max_tokens")));
        server.enqueue(sse("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_3","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"usage":{"input_tokens":410,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_3","name":"Review","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"verdict\\": \\"rev"}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":500}}

                event: message_stop
                data: {"type":"message_stop"}

                """));

        for (CompletionRequest.TokenListener listener : List.<CompletionRequest.TokenListener>of(
                CompletionRequest.TokenListener.NONE, text -> { })) {
            ProviderException e = catchThrowableOfType(ProviderException.class,
                    () -> anthropic().complete(typed(REVIEW, List.of(), listener)));
            assertThat(e.kind()).isEqualTo(ErrorKind.TRUNCATED);
            assertThat(e.getMessage()).contains("max_tokens (500)", "the provider said \"max_tokens\"");
        }
    }

}

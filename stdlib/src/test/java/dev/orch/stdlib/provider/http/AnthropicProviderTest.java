package dev.orch.stdlib.provider.http;

import static dev.orch.stdlib.provider.Models.ENV;
import static dev.orch.stdlib.provider.Models.KEY;
import static dev.orch.stdlib.provider.Models.ask;
import static dev.orch.stdlib.provider.Models.spec;
import static dev.orch.testkit.Replies.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.testkit.LoopbackServer;
import dev.orch.testkit.Replies;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnthropicProviderTest {
    static final String REPLY = """
            {
              "id": "msg_013Zva2CMHLNnXjNJJKqJ2EF",
              "type": "message",
              "role": "assistant",
              "model": "claude-sonnet-4-5-20250929",
              "content": [
                {"type": "text", "text": "Hi! My name is Claude."}
              ],
              "stop_reason": "end_turn",
              "stop_sequence": null,
              "usage": {
                "input_tokens": 2095,
                "output_tokens": 503,
                "cache_creation_input_tokens": 0,
                "cache_read_input_tokens": 0,
                "service_tier": "standard"
              }
            }
            """;

    static final String STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    Provider anthropic() {
        return HttpProviders.create(spec("anthropic", "claude-sonnet-4-5", server.url("/").toString()), ENV);
    }

    static MockResponse sse(String body) {
        return Replies.sse(body, 61);
    }

    @Test
    void aReplyCarriesTheTextAndUsageAndTheRequestHasTheMessagesApiShape() throws Exception {
        server.enqueue(json(200, REPLY));

        Completion reply = anthropic().complete(ask("You are terse.", "Hello, Claude", null, false,
                CompletionRequest.TokenListener.NONE));

        assertThat(reply).isEqualTo(new Completion("Hi! My name is Claude.", 2095, 503, "claude-sonnet-4-5-20250929"));
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getPath()).isEqualTo("/v1/messages");
        assertThat(sent.getHeader("x-api-key")).isEqualTo(KEY);
        assertThat(sent.getHeader("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.getHeader("Authorization")).isNull();
        JsonNode body = Json.parse(sent.getBody().readUtf8());
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("system").asText()).isEqualTo("You are terse.");
        assertThat(body.path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"Hello, Claude\"}]");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(4096);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void aStreamedReplyReachesTheListenerAndTakesUsageFromStartAndDelta() throws Exception {
        server.enqueue(sse(STREAM));
        List<String> pieces = new CopyOnWriteArrayList<>();

        Completion reply = anthropic().complete(ask(null, "Hello", 300, false, pieces::add));

        assertThat(pieces).containsExactly("Hello", "!");
        assertThat(reply).isEqualTo(new Completion("Hello!", 25, 15, "claude-sonnet-4-5-20250929"));
        JsonNode body = Json.parse(server.takeRequest().getBody().readUtf8());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.has("system")).isFalse();
    }

    @Test
    void jsonModeAsksThroughTheSystemPromptAndUnwrapsAFencedReply() throws Exception {
        server.enqueue(json(200, REPLY.replace("\"Hi! My name is Claude.\"", "\"```json\\n{\\\"score\\\": 7}\\n```\"")));

        Completion reply = anthropic().complete(ask("You grade plans.", "Grade it", null, true,
                CompletionRequest.TokenListener.NONE));

        assertThat(reply.text()).isEqualTo("{\"score\": 7}");
        JsonNode body = Json.parse(server.takeRequest().getBody().readUtf8());
        assertThat(body.path("system").asText()).startsWith("You grade plans.").contains("single JSON value");
    }

    @Test
    void jsonModeProseIsBadOutput() {
        server.enqueue(json(200, REPLY));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> anthropic().complete(
                ask(null, "Grade it", null, true, CompletionRequest.TokenListener.NONE)));

        assertThat(e.kind()).isEqualTo(ErrorKind.BAD_OUTPUT);
    }

    @Test
    void tooManyRequestsIsARateLimitWithRetryAfter() {
        server.enqueue(json(429, """
                {"type": "error", "error": {"type": "rate_limit_error", "message": "This request would exceed the rate limit for your organization of 50 requests per minute."}}
                """).setHeader("retry-after", "7"));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> anthropic().complete(ask("hi")));

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMIT);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.getMessage()).contains("exceed the rate limit for your organization");
    }

    @Test
    void overloadedIsAServerErrorAndTheNextCallSucceeds() throws Exception {
        server.enqueue(json(529, """
                {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
                """));
        server.enqueue(json(200, REPLY));
        Provider anthropic = anthropic();

        ProviderException first = catchThrowableOfType(ProviderException.class, () -> anthropic.complete(ask("hi")));

        assertThat(first.kind()).isEqualTo(ErrorKind.SERVER);
        assertThat(first.getMessage()).isEqualTo("model 'smart' (anthropic): HTTP 529: Overloaded");
        assertThat(anthropic.complete(ask("hi")).text()).isEqualTo("Hi! My name is Claude.");
    }

    @Test
    void anErrorEventInTheStreamKeepsItsKind() {
        server.enqueue(sse(STREAM.substring(0, STREAM.indexOf("event: content_block_delta")) + """
                event: error
                data: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}

                """));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> anthropic().complete(ask(null, "hi", null, false, text -> { })));

        assertThat(e.kind()).isEqualTo(ErrorKind.SERVER);
        assertThat(e.getMessage()).contains("Overloaded");
    }

    @Test
    void aStreamThatEndsBeforeMessageStopIsAServerError() {
        server.enqueue(sse(STREAM.substring(0, STREAM.indexOf("event: message_delta"))));
        List<String> pieces = new CopyOnWriteArrayList<>();

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> anthropic().complete(ask(null, "hi", null, false, pieces::add)));

        assertThat(pieces).containsExactly("Hello", "!");
        assertThat(e.kind()).isEqualTo(ErrorKind.SERVER);
        assertThat(e.getMessage()).contains("the stream ended before the reply was complete");
    }

    @Test
    void aRejectedKeyIsNotRetryableAndTheMessageNeverShowsTheKey() {
        server.enqueue(json(401, """
                {"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key %s"}}
                """.formatted(KEY)));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> anthropic().complete(ask("hi")));

        assertThat(e.kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(e.getMessage()).isEqualTo("model 'smart' (anthropic): HTTP 401: invalid x-api-key"
                + " [key from ANTHROPIC_API_KEY] (check the API key in ANTHROPIC_API_KEY)");
        assertThat(e.getMessage()).doesNotContain(KEY);
    }

    @Test
    void theKeyComesFromTheVariableTheScriptNames() throws Exception {
        server.enqueue(json(200, REPLY));
        var spec = new dev.orch.compiler.plan.ModelSpec("smart", "anthropic", "claude-haiku-4-5",
                server.url("/").toString(), "WORK_CLAUDE_KEY", null, null, null, null, null, null, null, null, null, null, null, null, null);

        HttpProviders.create(spec, java.util.Map.of("WORK_CLAUDE_KEY", "k-work")::get).complete(ask("hi"));

        assertThat(server.takeRequest().getHeader("x-api-key")).isEqualTo("k-work");
        assertThat(HttpProviders.problem(spec, java.util.Map.<String, String>of()::get))
                .hasValueSatisfying(message -> assertThat(message).contains("WORK_CLAUDE_KEY"));
    }

    // The cases below are constructed (no recording with non-zero cache tokens was found; see wire/README.md).

    static final String CACHED = REPLY.replace("\"input_tokens\": 2095", "\"input_tokens\": 40")
            .replace("\"cache_creation_input_tokens\": 0", "\"cache_creation_input_tokens\": 12")
            .replace("\"cache_read_input_tokens\": 0", "\"cache_read_input_tokens\": 7");

    @Test
    void promptTokensIncludeThoseWrittenToAndReadFromTheCacheStreamedAndPlain() throws Exception {
        server.enqueue(json(200, CACHED));
        server.enqueue(sse(STREAM.replace("\"usage\":{\"input_tokens\":25,\"output_tokens\":1}",
                "\"usage\":{\"input_tokens\":40,\"cache_creation_input_tokens\":12,\"cache_read_input_tokens\":7,"
                        + "\"output_tokens\":1}")));

        Completion plain = anthropic().complete(ask("hi"));
        Completion streamed = anthropic().complete(ask(null, "hi", null, false, text -> { }));

        assertThat(plain).isEqualTo(new Completion("Hi! My name is Claude.", 59, 503, "claude-sonnet-4-5-20250929", java.util.List.of(), 12, 7));
        assertThat(streamed).isEqualTo(new Completion("Hello!", 59, 15, "claude-sonnet-4-5-20250929", java.util.List.of(), 12, 7));
    }

    @Test
    void aStreamThatStoppedButLostItsMessageStopIsComplete() throws Exception {
        server.enqueue(sse(STREAM.substring(0, STREAM.indexOf("event: message_stop"))));

        assertThat(anthropic().complete(ask(null, "hi", null, false, text -> { })).text()).isEqualTo("Hello!");
    }

    @Test
    void aRateLimitErrorEventIsARateLimit() {
        server.enqueue(sse(STREAM.substring(0, STREAM.indexOf("event: content_block_delta")) + """
                event: error
                data: {"type": "error", "error": {"type": "rate_limit_error", "message": "Number of request tokens has exceeded your per-minute rate limit"}}

                """));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> anthropic().complete(ask(null, "hi", null, false, text -> { })));

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMIT);
    }

    @Test
    void aTemperatureTheScriptDidNotSetIsNotSent() throws Exception {
        // Models after Opus 4.6 reject any temperature but 1.0, so Orch sends one only when the script sets it.
        server.enqueue(json(200, REPLY));

        anthropic().complete(ask("hi"));

        assertThat(Json.parse(server.takeRequest().getBody().readUtf8()).has("temperature")).isFalse();
    }
}

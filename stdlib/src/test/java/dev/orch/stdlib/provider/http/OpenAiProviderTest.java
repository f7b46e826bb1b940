package dev.orch.stdlib.provider.http;

import static dev.orch.stdlib.provider.Models.ENV;
import static dev.orch.stdlib.provider.Models.KEY;
import static dev.orch.stdlib.provider.Models.ask;
import static dev.orch.stdlib.provider.Models.spec;
import static dev.orch.testkit.Replies.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenAiProviderTest {
    static final String REPLY = """
            {
              "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
              "object": "chat.completion",
              "created": 1741569952,
              "model": "gpt-4o-2024-08-06",
              "choices": [
                {
                  "index": 0,
                  "message": {
                    "role": "assistant",
                    "content": "Hello! How can I assist you today?",
                    "refusal": null,
                    "annotations": []
                  },
                  "logprobs": null,
                  "finish_reason": "stop"
                }
              ],
              "usage": {
                "prompt_tokens": 19,
                "completion_tokens": 10,
                "total_tokens": 29,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                  "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
              },
              "service_tier": "default",
              "system_fingerprint": "fp_fc9f1d7035"
            }
            """;

    static final String STREAM = """
            data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":", world"},"logprobs":null,"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

            data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

            data: [DONE]

            """;

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    Provider openai() {
        return HttpProviders.create(spec("openai", "gpt-4o", server.url("/v1").toString()), ENV);
    }

    static MockResponse sse(String body) {
        return Replies.sse(body, 97);
    }

    @Test
    void aReplyCarriesTheTextTheUsageAndTheServedModel() throws Exception {
        server.enqueue(json(200, REPLY));

        Completion reply = openai().complete(ask("You are terse.", "Say hello", 50, false,
                CompletionRequest.TokenListener.NONE));

        assertThat(reply).isEqualTo(new Completion("Hello! How can I assist you today?", 19, 10, "gpt-4o-2024-08-06"));
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = Json.parse(sent.getBody().readUtf8());
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(body.path("messages").toString()).isEqualTo(
                "[{\"role\":\"system\",\"content\":\"You are terse.\"},{\"role\":\"user\",\"content\":\"Say hello\"}]");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("response_format")).isFalse();
    }

    @Test
    void aStreamedReplyReachesTheListenerPieceByPieceAndReportsTheUsageChunk() throws Exception {
        server.enqueue(sse(STREAM));
        List<String> pieces = new CopyOnWriteArrayList<>();

        Completion reply = openai().complete(ask(null, "Say hello", null, false, pieces::add));

        assertThat(pieces).containsExactly("Hello", ", world");
        assertThat(reply).isEqualTo(new Completion("Hello, world", 12, 4, "gpt-4o-mini-2024-07-18"));
        JsonNode body = Json.parse(server.takeRequest().getBody().readUtf8());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void jsonModeAsksForAJsonObjectAndSaysJsonSoTheApiAcceptsIt() throws Exception {
        server.enqueue(json(200, REPLY.replace("\"Hello! How can I assist you today?\"", "\"{\\\"ok\\\": true}\"")));

        Completion reply = openai().complete(ask(null, "Rate the plan", null, true,
                CompletionRequest.TokenListener.NONE));

        assertThat(reply.text()).isEqualTo("{\"ok\": true}");
        JsonNode body = Json.parse(server.takeRequest().getBody().readUtf8());
        assertThat(body.path("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").path(0).path("content").asText()).contains("JSON");
    }

    @Test
    void jsonModeReplyThatDoesNotParseIsBadOutput() {
        server.enqueue(json(200, REPLY.replace("\"Hello! How can I assist you today?\"", "\"{\\\"ok\\\": tr\"")));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> openai().complete(ask(null, "Rate it as JSON", null, true, CompletionRequest.TokenListener.NONE)));

        assertThat(e.kind()).isEqualTo(ErrorKind.BAD_OUTPUT);
        assertThat(e.getMessage()).contains("does not parse").contains("{\"ok\": tr");
    }

    @Test
    void tooManyRequestsIsARateLimitWithTheServersRetryAfter() {
        server.enqueue(json(429, """
                {"error": {"message": "Rate limit reached for gpt-4o in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.", "type": "requests", "param": null, "code": "rate_limit_exceeded"}}
                """).setHeader("Retry-After", "20"));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> openai().complete(ask("hi")));

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMIT);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(e.getMessage()).isEqualTo("model 'smart' (openai): HTTP 429: Rate limit reached for gpt-4o in"
                + " organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.");
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        String inNinetySeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(90));
        server.enqueue(json(429, "{\"error\": {\"message\": \"slow down\"}}").setHeader("Retry-After", inNinetySeconds));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> openai().complete(ask("hi")));

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMIT);
        assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(85), Duration.ofSeconds(90));
    }

    @Test
    void anExhaustedQuotaIsNotWorthRetrying() {
        server.enqueue(json(429, """
                {"error": {"message": "You exceeded your current quota, please check your plan and billing details.", "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}
                """));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> openai().complete(ask("hi")));

        assertThat(e.kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(e.kind().retryable()).isFalse();
    }

    @Test
    void aRateLimitThatMentionsQuotaIsStillARateLimit() {
        server.enqueue(json(429, """
                [{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}]
                """));
        server.enqueue(json(429, """
                {"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}
                """));
        Provider openai = openai();

        assertThat(catchThrowableOfType(ProviderException.class, () -> openai.complete(ask("hi"))).kind())
                .isEqualTo(ErrorKind.RATE_LIMIT);
        assertThat(catchThrowableOfType(ProviderException.class, () -> openai.complete(ask("hi"))).getMessage())
                .endsWith("HTTP 429: Resource has been exhausted (e.g. check quota).");
    }

    @Test
    void aServerErrorIsRetryableAndTheNextCallSucceeds() throws Exception {
        server.enqueue(json(500, """
                {"error": {"message": "The server had an error while processing your request. Sorry about that!", "type": "server_error", "param": null, "code": null}}
                """));
        server.enqueue(json(200, REPLY));
        Provider openai = openai();

        ProviderException first = catchThrowableOfType(ProviderException.class, () -> openai.complete(ask("hi")));
        Completion second = openai.complete(ask("hi"));

        assertThat(first.kind()).isEqualTo(ErrorKind.SERVER);
        assertThat(first.kind().retryable()).isTrue();
        assertThat(first.retryAfter()).isNull();
        assertThat(first.getMessage()).contains("HTTP 500: The server had an error");
        assertThat(second.text()).isEqualTo("Hello! How can I assist you today?");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void aStreamThatEndsBeforeDoneIsAServerError() {
        server.enqueue(sse(STREAM.substring(0, STREAM.indexOf("data: {", STREAM.indexOf(", world")))));
        List<String> pieces = new CopyOnWriteArrayList<>();

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> openai().complete(ask(null, "hi", null, false, pieces::add)));

        assertThat(pieces).containsExactly("Hello", ", world");
        assertThat(e.kind()).isEqualTo(ErrorKind.SERVER);
        assertThat(e.getMessage()).contains("the stream ended before the reply was complete");
    }

    @Test
    void aConnectionDroppedMidStreamIsAServerError() {
        server.enqueue(sse(STREAM).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> openai().complete(ask(null, "hi", null, false, text -> { })));

        assertThat(e.kind()).isEqualTo(ErrorKind.SERVER);
    }

    @Test
    void aRejectedKeyIsNotRetryableShowsTheProvidersMessageAndNeverTheKey() {
        server.enqueue(json(401, """
                {
                  "error": {
                    "message": "Incorrect API key provided: %s. You can find your API key at https://platform.openai.com/account/api-keys.",
                    "type": "invalid_request_error",
                    "param": null,
                    "code": "invalid_api_key"
                  }
                }
                """.formatted(KEY)));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> openai().complete(ask("hi")));

        assertThat(e.kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(e.kind().retryable()).isFalse();
        assertThat(e.getMessage())
                .startsWith("model 'smart' (openai): HTTP 401: Incorrect API key provided: [key from OPENAI_API_KEY].")
                .endsWith("(check the API key in OPENAI_API_KEY)")
                .doesNotContain(KEY);
    }

    @Test
    void anUnknownModelNamesTheModelAndTheBaseUrl() {
        server.enqueue(json(404, """
                {"error": {"message": "The model `gpt-5o` does not exist or you do not have access to it.", "type": "invalid_request_error", "param": null, "code": "model_not_found"}}
                """));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> openai().complete(ask("hi")));

        assertThat(e.kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(e.getMessage()).contains("does not exist").contains("check the model name \"gpt-4o\" and base_url");
    }

    @Test
    void aMissingKeyNamesTheVariableAndSendsNothing() {
        Provider openai = HttpProviders.create(spec("openai", "gpt-4o", server.url("/v1").toString()), Map.<String, String>of()::get);

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> openai.complete(ask("hi")));

        assertThat(e.kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(e.getMessage()).isEqualTo("model 'smart' (openai): no API key: set the environment variable"
                + " OPENAI_API_KEY (or name another variable with api_key_env:)");
        assertThat(server.requestCount()).isZero();
        assertThat(HttpProviders.problem(spec("openai", "gpt-4o", null), Map.<String, String>of()::get)).isPresent();
    }

    @Test
    void ollamaNeedsNoKeyAndTakesABaseUrlWithATrailingSlash() throws Exception {
        server.enqueue(json(200, REPLY));
        Provider ollama = HttpProviders.create(spec("ollama", "llama3.2", server.url("/v1/").toString()),
                Map.<String, String>of()::get);

        assertThat(ollama.complete(ask("hi")).tokensOut()).isEqualTo(10);

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(sent.getHeader("Authorization")).isNull();
        assertThat(HttpProviders.problem(spec("ollama", "llama3.2", null), Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void aServerThatReportsNoUsageIsChargedTheEstimate() throws Exception {
        server.enqueue(json(200, """
                {"id": "x", "object": "chat.completion", "model": "local", "choices": [{"index": 0, "message": {"role": "assistant", "content": "12345678"}, "finish_reason": "stop"}]}
                """));

        Completion reply = openai().complete(ask("abcdefghijkl"));

        assertThat(reply.tokensIn()).isEqualTo(3);
        assertThat(reply.tokensOut()).isEqualTo(2);
    }

    @Test
    void noReplyWithinTheCallsTimeoutIsATimeout() {
        server.enqueue(json(200, REPLY).setHeadersDelay(3, TimeUnit.SECONDS));
        CompletionRequest hurried = new CompletionRequest(null, null, "hi", null, null, false, Duration.ofMillis(200),
                CompletionRequest.TokenListener.NONE);
        long start = System.nanoTime();

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> openai().complete(hurried));

        assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void onAVirtualThreadNoReplyWithinTheCallsTimeoutIsATimeoutWordedAsOnAnyThread() throws Exception {
        server.enqueue(json(200, REPLY).setHeadersDelay(3, TimeUnit.SECONDS));
        server.enqueue(json(200, REPLY));
        CompletionRequest hurried = new CompletionRequest(null, null, "hi", null, null, false, Duration.ofMillis(200),
                CompletionRequest.TokenListener.NONE);
        Provider provider = openai();
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Completion> next = new java.util.concurrent.atomic.AtomicReference<>();

        Thread.ofVirtual().start(() -> {
            failure.set(catchThrowable(() -> provider.complete(hurried)));
            try {
                next.set(provider.complete(hurried));
            } catch (Exception e) {
                failure.set(e);
            }
        }).join();

        assertThat(failure.get()).isInstanceOf(ProviderException.class).hasMessageContaining("no reply in time (timeout)");
        assertThat(((ProviderException) failure.get()).kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(next.get().text()).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aRedirectIsNotFollowedStreamedOrNotSoThePromptGoesNowhereTheScriptDidNotDeclare() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start();
            String to = elsewhere.url("/collect").toString();
            server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", to));
            server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", to));

            ProviderException plain = catchThrowableOfType(ProviderException.class, () -> openai().complete(ask("secret plan")));
            ProviderException streamed = catchThrowableOfType(ProviderException.class,
                    () -> openai().complete(ask(null, "secret plan", null, false, text -> { })));

            for (ProviderException e : List.of(plain, streamed)) {
                assertThat(e.kind()).isEqualTo(ErrorKind.FAIL);
                assertThat(e.getMessage()).contains("redirected the call to " + to, "set base_url");
            }
            assertThat(elsewhere.getRequestCount()).isZero();
        }
    }

    @Test
    void aServerThatIsNotThereIsAServerError() throws Exception {
        String base = server.url("/v1").toString();
        server.mock().shutdown();
        Provider gone = HttpProviders.create(spec("openai", "gpt-4o", base), ENV);

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> gone.complete(ask("hi")));

        assertThat(e.kind()).isEqualTo(ErrorKind.SERVER);
        assertThat(e.getMessage()).contains("cannot connect");
    }

    // The cases below are constructed (no recording of them was found; see wire/README.md).

    @Test
    void aStreamThatEndsAfterItsFinishReasonWithoutDoneIsComplete() throws Exception {
        // text-generation-inference before its PR 2221 closed the body after the finish_reason chunk.
        String withoutDone = STREAM.substring(0, STREAM.indexOf("data: [DONE]"));

        server.enqueue(sse(STREAM));
        server.enqueue(sse(withoutDone));

        Completion reply = openai().complete(ask(null, "hi", null, false, text -> { }));
        Completion again = openai().complete(ask(null, "hi", null, false, text -> { }));

        assertThat(reply).isEqualTo(new Completion("Hello, world", 12, 4, "gpt-4o-mini-2024-07-18"));
        assertThat(again).isEqualTo(reply);
    }

    @Test
    void aRateLimitReportedInsideTheStreamIsARateLimitAsOverHttp() {
        String error = "{\"error\":{\"message\":\"Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000,"
                + " Used 30000, Requested 512.\",\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
        server.enqueue(sse(STREAM.substring(0, STREAM.indexOf("data: {", STREAM.indexOf(", world")))
                + "data: " + error + "\n\n"));
        server.enqueue(json(200, error));

        ProviderException streamed = catchThrowableOfType(ProviderException.class,
                () -> openai().complete(ask(null, "hi", null, false, text -> { })));
        ProviderException plain = catchThrowableOfType(ProviderException.class, () -> openai().complete(ask("hi")));

        assertThat(streamed.kind()).isEqualTo(ErrorKind.RATE_LIMIT);
        assertThat(plain.kind()).isEqualTo(ErrorKind.RATE_LIMIT);
        assertThat(streamed.getMessage()).isEqualTo(plain.getMessage()).contains("Rate limit reached for gpt-4o");
    }

    @Test
    void anExhaustedQuotaInsideTheStreamIsNotWorthRetrying() {
        server.enqueue(sse("data: {\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":"
                + "\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}\n\n"));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> openai().complete(ask(null, "hi", null, false, text -> { })));

        assertThat(e.kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(e.getMessage()).contains("out of quota");
    }

    @Test
    void anErrorFieldThatIsNullBesideTheChoicesIsNoError() throws Exception {
        server.enqueue(json(200, REPLY.replaceFirst("\\{", "{\"error\": null,")));

        assertThat(openai().complete(ask("hi")).text()).isEqualTo("Hello! How can I assist you today?");
    }

    @Test
    void anEmptyReplyIsBadOutputStreamedAndPlain() {
        server.enqueue(json(200, REPLY.replace("Hello! How can I assist you today?", "")));
        server.enqueue(sse(STREAM.replace("\"Hello\"", "\"\"").replace("\", world\"", "\"\"")));

        ProviderException plain = catchThrowableOfType(ProviderException.class, () -> openai().complete(ask("hi")));
        ProviderException streamed = catchThrowableOfType(ProviderException.class,
                () -> openai().complete(ask(null, "hi", null, false, text -> { })));

        assertThat(plain.kind()).isEqualTo(ErrorKind.BAD_OUTPUT);
        assertThat(plain.getMessage()).isEqualTo("model 'smart' (openai): the reply was empty");
        assertThat(streamed.getMessage()).isEqualTo(plain.getMessage());
    }

    @Test
    void maxCompletionTokensGoesOnlyToOpenAiItselfNotToAProxyThatMentionsIt() throws Exception {
        Provider proxy = HttpProviders.create(spec("openai", "gpt-4o", server.url("/api.openai.com/v1").toString()), ENV);
        server.enqueue(json(200, REPLY));

        proxy.complete(ask(null, "hi", 50, false, CompletionRequest.TokenListener.NONE));

        JsonNode body = Json.parse(server.takeRequest().getBody().readUtf8());
        assertThat(body.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(new OpenAiProvider(HttpProviders.endpoint(spec("openai", "gpt-4o", null), ENV,
                HttpClients.shared(), java.time.Clock.systemUTC()))
                .body(ask(null, "hi", 50, false, CompletionRequest.TokenListener.NONE), false)
                .path("max_completion_tokens").asInt()).isEqualTo(50);
    }

    @Test
    void aTemperatureTheScriptDidNotSetIsNotSent() throws Exception {
        server.enqueue(json(200, REPLY));

        openai().complete(ask("hi"));

        assertThat(Json.parse(server.takeRequest().getBody().readUtf8()).has("temperature")).isFalse();
    }
}

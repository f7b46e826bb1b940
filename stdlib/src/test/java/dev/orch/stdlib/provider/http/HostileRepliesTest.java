package dev.orch.stdlib.provider.http;

import static dev.orch.stdlib.provider.Models.ENV;
import static dev.orch.stdlib.provider.Models.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.testkit.LoopbackServer;
import dev.orch.testkit.Replies;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20, items 1, 2 and 11: a server may be hostile or broken. A reply that lacks its choices or its content, a
 * body larger than the model's `max_reply_mb`, a server that trickles bytes or goes silent: each is a catchable
 * error of a kind `retry` treats rightly, within its limit, never an internal error or a hang.
 */
class HostileRepliesTest {
    private static final CompletionRequest.TokenListener STREAMED = piece -> { };

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    private Provider model(String provider, Integer maxReplyMb, Long timeoutMs, Long idleTimeoutMs) {
        return HttpProviders.create(wire(provider, server.url("/v1").toString(), maxReplyMb, timeoutMs, idleTimeoutMs), ENV);
    }

    private static CompletionRequest ask(CompletionRequest.TokenListener listener) {
        return new CompletionRequest(null, null, "hi", null, null, false, null, listener);
    }

    private ProviderException failure(Provider model, CompletionRequest request) {
        return catchThrowableOfType(ProviderException.class, () -> model.complete(request));
    }

    // ---- 1: a reply without its choices or content --------------------------------------------------------

    @Test
    void aReplyWithNoChoicesIsARetryableServerError() {
        server.enqueue(Replies.json(200, "{\"id\":\"x\",\"choices\":[]}"));
        server.enqueue(Replies.json(200, "{\"id\":\"x\"}"));
        for (int i = 0; i < 2; i++) {
            ProviderException e = failure(model("openai", null, null, null), ask(CompletionRequest.TokenListener.NONE));
            assertThat(e.kind()).isEqualTo(ErrorKind.SERVER);
            assertThat(e.kind().retryable()).isTrue();
            assertThat(e.getMessage()).isEqualTo("model 'smart' (openai): sent a reply without choices");
        }
    }

    @Test
    void anAnthropicReplyWithoutContentIsARetryableServerError() {
        server.enqueue(Replies.json(200, "{\"id\":\"msg_1\",\"type\":\"message\",\"stop_reason\":\"end_turn\"}"));
        server.enqueue(Replies.json(200, "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":null}"));
        for (int i = 0; i < 2; i++) {
            ProviderException e = failure(model("anthropic", null, null, null), ask(CompletionRequest.TokenListener.NONE));
            assertThat(e.kind()).isEqualTo(ErrorKind.SERVER);
            assertThat(e.getMessage()).isEqualTo("model 'smart' (anthropic): sent a reply without content");
        }
    }

    // ---- 13: half a surrogate pair -------------------------------------------------------------------------

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacterStreamedOrNotAndASplitPairStaysWhole() throws Exception {
        server.enqueue(Replies.json(200, "{\"choices\":[{\"message\":{\"content\":\"caf\\ud800!\"},"
                + "\"finish_reason\":\"stop\"}]}"));
        server.enqueue(OpenAiProviderTest.sse("""
                data: {"choices":[{"index":0,"delta":{"content":"caf\\ud800!"}}]}

                data: {"choices":[{"index":0,"delta":{"content":" \\ud83d"}}]}

                data: {"choices":[{"index":0,"delta":{"content":"\\ude00"},"finish_reason":"stop"}]}

                data: [DONE]

                """));
        Provider model = model("openai", null, null, null);
        assertThat(model.complete(ask(CompletionRequest.TokenListener.NONE)).text()).isEqualTo("caf\uFFFD!");
        assertThat(model.complete(ask(STREAMED)).text()).isEqualTo("caf\uFFFD! \uD83D\uDE00");
    }

    // ---- 2: the body is bounded while it is read ----------------------------------------------------------

    /** A whole reply whose content is {@code mb} megabytes and a little more. */
    private static Buffer bigReply(int mb) {
        Buffer body = new Buffer().writeUtf8("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"");
        byte[] kb = "a".repeat(1024).getBytes();
        for (int i = 0; i < mb * 1024 + 1; i++) body.write(kb);
        return body.writeUtf8("\"},\"finish_reason\":\"stop\"}]}");
    }

    @Test
    void aReplyOverTheLimitFailsNamingItAndIsNotRetryableWithOrWithoutAContentLength() {
        server.enqueue(new MockResponse().setBody(bigReply(2)));
        server.enqueue(new MockResponse().setChunkedBody(bigReply(2), 64 * 1024));
        for (String how : List.of("Content-Length", "chunked")) {
            ProviderException e = failure(model("openai", 1, null, null), ask(CompletionRequest.TokenListener.NONE));
            assertThat(e.kind()).as(how).isEqualTo(ErrorKind.FAIL);
            assertThat(e.kind().retryable()).isFalse();
            assertThat(e.getMessage()).as(how).isEqualTo("model 'smart' (openai): the reply is larger than 1 MB; Orch "
                    + "stopped reading it there (raise the model's max_reply_mb if such replies are expected)");
        }
    }

    @Test
    void aStreamOverTheLimitFailsTheSameWayOnBothProviders() {
        String openAiChunk = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "b".repeat(4000) + "\"}}]}\n\n";
        String anthropicChunk = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + "b".repeat(4000) + "\"}}\n\n";
        for (String provider : List.of("openai", "anthropic")) {
            String chunk = provider.equals("openai") ? openAiChunk : anthropicChunk;
            server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream")
                    .setChunkedBody(chunk.repeat(600), 16 * 1024));
            ProviderException e = failure(model(provider, 1, null, null), ask(STREAMED));
            assertThat(e.kind()).as(provider).isEqualTo(ErrorKind.FAIL);
            assertThat(e.getMessage()).as(provider).contains("the reply is larger than 1 MB");
        }
    }

    @Test
    void aReplyWithinTheLimitIsRead() throws Exception {
        server.enqueue(new MockResponse().setBody(bigReply(1)));
        assertThat(model("openai", 2, null, null).complete(ask(CompletionRequest.TokenListener.NONE)).text())
                .hasSize(1024 * 1024 + 1024);
    }

    // ---- 11: a call has a whole-call and an idle time limit ------------------------------------------------

    @Test
    void aServerTricklingOneByteAtATimeIsCutAtTheModelsTimeout() {
        server.enqueue(new MockResponse().setBody(bigReply(1)).throttleBody(1, 100, TimeUnit.MILLISECONDS));
        long start = System.nanoTime();
        ProviderException e = failure(model("openai", null, 700L, null), ask(CompletionRequest.TokenListener.NONE));
        assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(600), Duration.ofSeconds(3));
    }

    @Test
    void aSilentServerIsCutAtTheModelsIdleTimeout() {
        server.enqueue(new MockResponse().setBody("{}").setHeadersDelay(5, TimeUnit.SECONDS));
        long start = System.nanoTime();
        ProviderException e = failure(model("anthropic", null, null, 300L), ask(CompletionRequest.TokenListener.NONE));
        assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void theDefaultsBoundEveryCall() {
        assertThat(HttpProviders.DEFAULT_TIMEOUT).isEqualTo(Duration.ofMinutes(10));
        assertThat(HttpClients.DEFAULT_IDLE_TIMEOUT).isEqualTo(Duration.ofMinutes(5));
        assertThat(HttpClients.shared().readTimeoutMillis()).isEqualTo(5 * 60 * 1000);
        assertThat(ReplyBody.DEFAULT_LIMIT_MB).isEqualTo(16);
    }
}

package dev.orch.stdlib.provider.http;

import static dev.orch.stdlib.provider.Models.ENV;
import static dev.orch.stdlib.provider.Models.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.testkit.LoopbackServer;
import dev.orch.testkit.TestResources;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real replies recorded from the providers (test resources under `wire/`, each one's source named in
 * `wire/README.md`), replayed through a local server both as a whole body and as a stream (a recording in one form
 * is turned into the other by {@link WireForms}). The same bytes must give the same outcome either way, and that
 * outcome is the one written here.
 */
class RecordedRepliesTest {
    /** Every fixture and what a script sees when a call gets it: the reply, or the error kind and message. */
    static final Map<String, String> OUTCOMES = new LinkedHashMap<>();

    static {
        OUTCOMES.put("openai/plain-stop.json", "ok \"I'm unable to provide real-time weather updates. To get the"
                + " current weather in San Francisco, I recommend checking a reliable weather website or app like the"
                + " Weather Channel or a local news station.\" in=14 out=37 model=gpt-4o-2024-08-06");
        OUTCOMES.put("openai/plain-length.json", "truncated: model 'smart' (openai): the reply was cut at the"
                + " server's token limit after 1 tokens (the provider said \"length\"); raise the agent's max_tokens"
                + " or ask for less. It began: {\"");
        OUTCOMES.put("openai/plain-refusal.json",
                "refused: model 'smart' (openai): the model refused: I'm very sorry, but I can't assist with that.");
        OUTCOMES.put("openai/plain-tool-calls-only.json", "bad_output: model 'smart' (openai): the model replied only"
                + " with tool calls, and this agent has no tools");
        OUTCOMES.put("openai/plain-json-schema.json", "ok \"{\"city\":\"San Francisco\",\"temperature\":65,"
                + "\"units\":\"f\"}\" in=79 out=14 model=gpt-4o-2024-08-06");
        OUTCOMES.put("openai/plain-three-choices.json", "ok \"{\"city\":\"San Francisco\",\"temperature\":64,"
                + "\"units\":\"f\"}\" in=79 out=44 model=gpt-4o-2024-08-06");
        OUTCOMES.put("openai/stream-stop.sse", "ok \"I'm unable to provide real-time weather updates. To get the"
                + " current weather in San Francisco, I recommend checking a reliable weather website or a weather"
                + " app.\" in=14 out=30 model=gpt-4o-2024-08-06");
        OUTCOMES.put("openai/stream-length.sse", "truncated: model 'smart' (openai): the reply was cut at the"
                + " server's token limit after 1 tokens (the provider said \"length\"); raise the agent's max_tokens"
                + " or ask for less. It began: {\"");
        OUTCOMES.put("openai/stream-refusal.sse",
                "refused: model 'smart' (openai): the model refused: I'm sorry, I can't assist with that request.");
        OUTCOMES.put("openai/stream-three-choices.sse", "ok \"{\"city\":\"San Francisco\",\"temperature\":65,"
                + "\"units\":\"f\"}\" in=79 out=42 model=gpt-4o-2024-08-06");
        OUTCOMES.put("openai/azure-stream-content-filter.sse", "ok \"Hello! I'm just a computer program, so I don't"
                + " have feelings, but I'm here and ready to help you. How can I assist you today?\" in=1 out=32"
                + " model=gpt-4o-2024-05-13");
        OUTCOMES.put("anthropic/plain-end-turn.json", "ok \"{\"items\":[{\"product_name\":\"Green Tea\","
                + "\"price\":5.50,\"quantity\":2},{\"product_name\":\"Coffee\",\"price\":3.00,\"quantity\":1}],"
                + "\"total\":14.0}\" in=406 out=50 model=claude-sonnet-4-5-20250929");
        OUTCOMES.put("anthropic/stream-end-turn.sse", "ok \"Hello there!\" in=11 out=6 model=claude-3-opus-latest");
        OUTCOMES.put("anthropic/stream-refusal.sse",
                "refused: model 'smart' (anthropic): the model refused: This request was refused due to policy.");
        OUTCOMES.put("anthropic/stream-max-tokens.sse", "truncated: model 'smart' (anthropic): the reply was cut at"
                + " max_tokens (4096) after 124 tokens (the provider said \"max_tokens\"); raise the agent's"
                + " max_tokens or ask for less. It began: I'll create a comprehensive tax guide for someone with"
                + " multiple W2s and save it ...");
        OUTCOMES.put("anthropic/stream-text-and-tool-use.sse", "ok \"I'll check the current weather in Paris for"
                + " you.\" in=377 out=65 model=claude-sonnet-4-20250514");
    }

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    static Stream<String> fixtures() {
        return OUTCOMES.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void theSameRecordedReplyGivesTheSameOutcomeStreamedAndPlain(String fixture) throws Exception {
        String recorded = TestResources.text("wire/" + fixture);
        boolean anthropic = fixture.startsWith("anthropic/");
        boolean streamed = fixture.endsWith(".sse");
        String plain = streamed
                ? anthropic ? WireForms.anthropicStreamToPlain(recorded) : WireForms.openAiStreamToPlain(recorded)
                : recorded;
        String stream = streamed ? recorded
                : anthropic ? WireForms.anthropicPlainToStream(recorded) : WireForms.openAiPlainToStream(recorded);

        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(plain));
        String whole = outcome(provider(anthropic), CompletionRequest.TokenListener.NONE);
        List<String> pieces = new CopyOnWriteArrayList<>();
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setChunkedBody(stream, 64));
        String piecewise = outcome(provider(anthropic), pieces::add);

        assertThat(piecewise).as("streamed").isEqualTo(whole);
        assertThat(whole).as("outcome of " + fixture).isEqualTo(OUTCOMES.get(fixture));
        if (whole.startsWith("ok ")) assertThat(whole).contains("\"" + String.join("", pieces) + "\"");
    }

    @Test
    void everyFixtureOnDiskIsReplayedAndNamedInTheReadme() throws IOException {
        String readme = TestResources.text("wire/README.md");
        for (String fixture : OUTCOMES.keySet()) assertThat(readme).as("README names " + fixture).contains(fixture);
    }

    private Provider provider(boolean anthropic) {
        String base = server.url(anthropic ? "/" : "/v1").toString();
        return HttpProviders.create(spec(anthropic ? "anthropic" : "openai", "model-asked-for", base), ENV);
    }

    private static String outcome(Provider provider, CompletionRequest.TokenListener listener)
            throws InterruptedException {
        CompletionRequest request = new CompletionRequest(null, null, "hi", null, null, false, Duration.ofSeconds(10),
                listener);
        try {
            Completion c = provider.complete(request);
            return "ok \"" + c.text() + "\" in=" + c.tokensIn() + " out=" + c.tokensOut() + " model=" + c.model();
        } catch (ProviderException e) {
            return e.kind().word() + ": " + e.getMessage();
        }
    }

}

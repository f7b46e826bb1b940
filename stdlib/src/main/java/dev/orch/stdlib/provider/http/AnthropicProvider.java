package dev.orch.stdlib.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.TokenEstimate;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * `anthropic(...)`: the Messages API, POST {base_url}/v1/messages with `x-api-key` and `anthropic-version`. The
 * system prompt is the top-level `system`; `max_tokens` is required by the API and defaults to
 * {@link TokenEstimate#DEFAULT_MAX_TOKENS}. The API has no JSON mode: for `format: "json"` the system prompt asks for
 * JSON and the reply is checked; an agent with `output: T` answers through a tool whose input schema is T
 * ({@link AnthropicTools#addOutput}). Streaming reads message_start (input usage), content_block_delta (text),
 * message_delta (stop reason and output usage) and must end with message_stop (or at least a stop reason). A whole reply and a stream are gathered
 * into the same {@link WireReply}, which decides the outcome.
 */
public final class AnthropicProvider implements Provider {
    static final String VERSION = "2023-06-01";
    private static final MediaType JSON = MediaType.get("application/json");

    private final Endpoint endpoint;

    AnthropicProvider(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Completion complete(CompletionRequest request) throws ProviderException, InterruptedException {
        endpoint.requireKey();
        boolean stream = request.onToken() != CompletionRequest.TokenListener.NONE;
        Request http = new Request.Builder()
                .url(endpoint.url("v1/messages"))
                .header("x-api-key", endpoint.key().value())
                .header("anthropic-version", VERSION)
                .post(RequestBody.create(Json.write(body(request, stream)), JSON))
                .build();
        Completion reply = HttpExchange.send(endpoint.client(), http, endpoint.timeout(request), endpoint.failures(),
                response -> stream ? readStream(response, request) : readWhole(response, request));
        if (!reply.toolCalls().isEmpty()) return reply;
        if (request.output() != null) return reply.withText(OutputSchema.of(request.output()).unwrap(reply.text()));
        if (!request.json()) return reply;
        return reply.withText(JsonReply.check(reply.text(), endpoint.failures()));
    }

    ObjectNode body(CompletionRequest request, boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", endpoint.model(request));
        body.put("max_tokens", request.maxTokens() != null ? request.maxTokens() : TokenEstimate.DEFAULT_MAX_TOKENS);
        String system = request.system();
        if (request.json() && request.output() == null) system = system == null ? JsonReply.INSTRUCTION : system + "\n\n" + JsonReply.INSTRUCTION;
        if (system != null) body.put("system", system);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "user").put("content", request.prompt());
        AnthropicTools.addTo(body, messages, request);
        if (request.output() != null) AnthropicTools.addOutput(body, request, OutputSchema.of(request.output()));
        Double temperature = endpoint.temperature(request);
        if (temperature != null) body.put("temperature", temperature);
        if (stream) body.put("stream", true);
        return body;
    }

    private Completion readWhole(Response response, CompletionRequest request) throws IOException, ProviderException {
        String raw = ReplyBody.text(response.body(), endpoint.replyLimit());
        JsonNode reply;
        try {
            reply = Json.parse(raw);
        } catch (IOException e) {
            throw endpoint.failures().unreadable("a reply", e);
        }
        if (HttpFailures.reportsError(reply)) throw endpoint.failures().reportedError(reply);
        if (!reply.path("content").isArray()) throw endpoint.failures().incomplete("a reply without content");
        WireReply parts = new WireReply();
        parts.model(reply.path("model").asText(null));
        for (JsonNode block : reply.path("content")) {
            if (block.path("type").asText().equals("text")) parts.text.append(block.path("text").asText());
        }
        parts.toolCalls = AnthropicTools.calls(reply.path("content"));
        AnthropicTools.takeOutput(parts, request);
        stop(parts, reply);
        usage(parts, reply.path("usage"));
        return finish(parts, request);
    }

    private Completion readStream(Response response, CompletionRequest request) throws IOException, ProviderException {
        WireReply parts = new WireReply();
        AnthropicTools.Streamed calls = new AnthropicTools.Streamed();
        boolean complete = ServerSentEvents.read(ReplyBody.source(response.body(), endpoint.replyLimit()), (event, data) -> {
            JsonNode e;
            try {
                e = Json.parse(data);
            } catch (IOException bad) {
                throw endpoint.failures().unreadable("a stream event", bad);
            }
            switch (e.path("type").asText(event)) {
                case "message_start" -> {
                    parts.model(e.path("message").path("model").asText(null));
                    usage(parts, e.path("message").path("usage"));
                }
                case "content_block_start" -> calls.start(e.path("index").asInt(), e.path("content_block"));
                case "content_block_delta" -> {
                    JsonNode delta = e.path("delta");
                    if (delta.path("type").asText().equals("input_json_delta")) calls.delta(e.path("index").asInt(), delta);
                    if (delta.path("type").asText().equals("text_delta")) {
                        String piece = delta.path("text").asText("");
                        parts.text.append(piece);
                        if (!piece.isEmpty()) request.onToken().onText(endpoint.failures().redact(piece));
                    }
                }
                // Usage here is cumulative for the message, so it replaces what message_start said.
                case "message_delta" -> {
                    stop(parts, e.path("delta"));
                    usage(parts, e.path("usage"));
                }
                case "message_stop" -> {
                    return true;
                }
                case "error" -> throw endpoint.failures().reportedError(e);
                default -> { }
            }
            return false;
        });
        if (!complete && !parts.stopped()) throw endpoint.failures().streamCutShort();
        parts.toolCalls = calls.calls();
        AnthropicTools.takeOutput(parts, request);
        return finish(parts, request);
    }

    private static void stop(WireReply parts, JsonNode holder) {
        if (holder.path("stop_reason").isTextual()) parts.stopReason = holder.path("stop_reason").asText();
        JsonNode explanation = holder.path("stop_details").path("explanation");
        if (explanation.isTextual()) parts.explanation = explanation.asText();
    }

    /**
     * `input_tokens` counts only the prompt tokens that neither wrote to nor read from the cache; the prompt is all
     * three, so `tokens_in`, budgets and cost count them all (cache writes and reads at their own prices).
     */
    private static void usage(WireReply parts, JsonNode usage) {
        if (usage.path("cache_creation_input_tokens").isNumber()) {
            parts.cacheWrite = usage.path("cache_creation_input_tokens").asLong();
        }
        if (usage.path("cache_read_input_tokens").isNumber()) {
            parts.cacheRead = usage.path("cache_read_input_tokens").asLong();
        }
        if (usage.path("input_tokens").isNumber()) {
            parts.tokensIn = usage.path("input_tokens").asLong() + parts.cacheWrite + parts.cacheRead;
        }
        if (usage.path("output_tokens").isNumber()) parts.tokensOut = usage.path("output_tokens").asLong();
    }

    private Completion finish(WireReply parts, CompletionRequest request) throws ProviderException {
        int maxTokens = request.maxTokens() != null ? request.maxTokens() : TokenEstimate.DEFAULT_MAX_TOKENS;
        return parts.finish(request, endpoint.model(request), maxTokens, endpoint.failures());
    }
}

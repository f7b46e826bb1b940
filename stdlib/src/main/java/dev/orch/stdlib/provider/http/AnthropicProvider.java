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
 * {@link TokenEstimate#DEFAULT_MAX_TOKENS}. The API has no JSON mode: the system prompt asks for JSON and the reply
 * is checked. Streaming reads message_start (input usage), content_block_delta (text), message_delta (output usage)
 * and must end with message_stop.
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
        Completion reply = HttpExchange.send(endpoint.client(), http, request.timeout(), endpoint.failures(),
                response -> stream ? readStream(response, request) : readWhole(response, request));
        if (!request.json() || !reply.toolCalls().isEmpty()) return reply;
        return new Completion(JsonReply.check(reply.text(), endpoint.failures()), reply.tokensIn(), reply.tokensOut(),
                reply.model());
    }

    ObjectNode body(CompletionRequest request, boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", endpoint.model(request));
        body.put("max_tokens", request.maxTokens() != null ? request.maxTokens() : TokenEstimate.DEFAULT_MAX_TOKENS);
        String system = request.system();
        if (request.json()) system = system == null ? JsonReply.INSTRUCTION : system + "\n\n" + JsonReply.INSTRUCTION;
        if (system != null) body.put("system", system);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "user").put("content", request.prompt());
        AnthropicTools.addTo(body, messages, request);
        Double temperature = endpoint.temperature(request);
        if (temperature != null) body.put("temperature", temperature);
        if (stream) body.put("stream", true);
        return body;
    }

    private Completion readWhole(Response response, CompletionRequest request) throws IOException, ProviderException {
        JsonNode reply;
        try {
            reply = Json.parse(response.body().string());
        } catch (IOException e) {
            throw endpoint.failures().unreadable("a reply", e);
        }
        if (!reply.path("content").isArray()) throw endpoint.failures().unreadable("a reply without content", null);
        StringBuilder text = new StringBuilder();
        for (JsonNode block : reply.path("content")) {
            if (block.path("type").asText().equals("text")) text.append(block.path("text").asText());
        }
        JsonNode usage = reply.path("usage");
        return new Completion(text.toString(),
                usage.path("input_tokens").asLong(TokenEstimate.input(request)),
                usage.path("output_tokens").asLong(TokenEstimate.of(text.toString())),
                reply.path("model").asText(endpoint.model(request)),
                AnthropicTools.calls(reply.path("content")));
    }

    private Completion readStream(Response response, CompletionRequest request) throws IOException, ProviderException {
        StringBuilder text = new StringBuilder();
        long[] usage = {-1, -1};
        String[] model = {endpoint.model(request)};
        AnthropicTools.Streamed calls = new AnthropicTools.Streamed();
        boolean complete = ServerSentEvents.read(response.body().source(), (event, data) -> {
            JsonNode e;
            try {
                e = Json.parse(data);
            } catch (IOException bad) {
                throw endpoint.failures().unreadable("a stream event", bad);
            }
            switch (e.path("type").asText(event)) {
                case "message_start" -> {
                    JsonNode message = e.path("message");
                    if (message.path("model").isTextual()) model[0] = message.path("model").asText();
                    usage[0] = message.path("usage").path("input_tokens").asLong(usage[0]);
                    usage[1] = message.path("usage").path("output_tokens").asLong(usage[1]);
                }
                case "content_block_start" -> calls.start(e.path("index").asInt(), e.path("content_block"));
                case "content_block_delta" -> {
                    JsonNode delta = e.path("delta");
                    if (delta.path("type").asText().equals("input_json_delta")) calls.delta(e.path("index").asInt(), delta);
                    if (delta.path("type").asText().equals("text_delta")) {
                        String piece = delta.path("text").asText("");
                        text.append(piece);
                        if (!piece.isEmpty()) request.onToken().onText(piece);
                    }
                }
                case "message_delta" -> {
                    // Usage here is cumulative for the message, so it replaces what message_start said.
                    usage[0] = e.path("usage").path("input_tokens").asLong(usage[0]);
                    usage[1] = e.path("usage").path("output_tokens").asLong(usage[1]);
                }
                case "message_stop" -> {
                    return true;
                }
                case "error" -> throw endpoint.failures().reportedError(e);
                default -> { }
            }
            return false;
        });
        if (!complete) throw endpoint.failures().truncated();
        return new Completion(text.toString(),
                usage[0] >= 0 ? usage[0] : TokenEstimate.input(request),
                usage[1] >= 0 ? usage[1] : TokenEstimate.of(text.toString()),
                model[0], calls.calls());
    }
}

package dev.orch.stdlib.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import java.io.IOException;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * `openai(...)` and `ollama(...)`: the Chat Completions API, POST {base_url}/chat/completions, which OpenAI serves
 * and so do Ollama, vLLM, llama.cpp and most local servers. JSON mode is `response_format: json_object`; an agent
 * with `output: T` sends `response_format: json_schema` with T's schema ({@link OutputSchema}), strict unless T has
 * parts of no known shape. A request
 * with a token listener streams (`stream: true` with `stream_options.include_usage`, so the last chunk carries the
 * usage); the stream must end with `data: [DONE]` or after a `finish_reason`, or the reply counts as cut short. A
 * whole reply and a stream are gathered into the same {@link WireReply}, which decides the outcome. A server that
 * reports no usage is charged the estimate (characters / 4), so budgets and `tpm` still hold.
 */
public final class OpenAiProvider implements Provider {
    private static final MediaType JSON = MediaType.get("application/json");

    private final Endpoint endpoint;

    OpenAiProvider(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Completion complete(CompletionRequest request) throws ProviderException, InterruptedException {
        endpoint.requireKey();
        boolean stream = request.onToken() != CompletionRequest.TokenListener.NONE;
        Request.Builder http = new Request.Builder()
                .url(endpoint.url("chat/completions"))
                .post(RequestBody.create(Json.write(body(request, stream)), JSON));
        if (endpoint.key() != null) http.header("Authorization", "Bearer " + endpoint.key().value());
        if (stream) http.header("Accept", "text/event-stream");
        Completion reply = HttpExchange.send(endpoint.client(), http.build(), endpoint.timeout(request), endpoint.failures(),
                response -> stream ? readStream(response, request) : readWhole(response, request));
        if (!reply.toolCalls().isEmpty()) return reply;
        if (request.output() != null) return reply.withText(OutputSchema.of(request.output()).unwrap(reply.text()));
        if (!request.json()) return reply;
        return reply.withText(JsonReply.check(reply.text(), endpoint.failures()));
    }

    ObjectNode body(CompletionRequest request, boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", endpoint.model(request));
        ArrayNode messages = body.putArray("messages");
        String system = request.system();
        if (request.json() && request.output() == null && !mentionsJson(system) && !mentionsJson(request.prompt())) {
            // OpenAI rejects JSON mode unless a message says "JSON".
            system = system == null ? JsonReply.INSTRUCTION : system + "\n\n" + JsonReply.INSTRUCTION;
        }
        if (system != null) messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", request.prompt());
        OpenAiTools.addTo(body, messages, request);
        Double temperature = endpoint.temperature(request);
        if (temperature != null) body.put("temperature", temperature);
        if (request.maxTokens() != null) body.put(maxTokensField(), request.maxTokens());
        if (request.output() != null) {
            OutputSchema output = OutputSchema.of(request.output());
            ObjectNode format = body.putObject("response_format").put("type", "json_schema");
            format.putObject("json_schema").put("name", output.name()).put("strict", output.strict()).set("schema", output.schema());
        } else if (request.json()) {
            body.putObject("response_format").put("type", "json_object");
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /**
     * OpenAI's newer models take only `max_completion_tokens`; compatible servers know `max_tokens`. OpenAI is the
     * host, not a mention anywhere in the URL: a proxy at `https://gw.example/api.openai.com/v1` gets `max_tokens`.
     */
    private String maxTokensField() {
        HttpUrl url = HttpUrl.parse(endpoint.baseUrl());
        return url != null && url.host().equals("api.openai.com") ? "max_completion_tokens" : "max_tokens";
    }

    private static boolean mentionsJson(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).contains("json");
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
        JsonNode choice = firstChoice(reply.path("choices"));
        if (choice == null) throw endpoint.failures().incomplete("a reply without choices");
        WireReply parts = new WireReply();
        parts.model(reply.path("model").asText(null));
        JsonNode message = choice.path("message");
        if (message.path("content").isTextual()) parts.text.append(message.path("content").asText());
        if (message.path("refusal").isTextual()) parts.refusal.append(message.path("refusal").asText());
        parts.toolCalls = OpenAiTools.calls(message);
        if (choice.path("finish_reason").isTextual()) parts.stopReason = choice.path("finish_reason").asText();
        usage(parts, reply.path("usage"));
        return finish(parts, request);
    }

    /** The choice with index 0 (the one Orch asks for), or the first when none says its index. */
    private static JsonNode firstChoice(JsonNode choices) {
        if (!choices.isArray() || choices.isEmpty()) return null;
        for (JsonNode c : choices) if (c.path("index").asInt(0) == 0) return c;
        return choices.get(0);
    }

    private Completion readStream(Response response, CompletionRequest request) throws IOException, ProviderException {
        WireReply parts = new WireReply();
        OpenAiTools.Streamed calls = new OpenAiTools.Streamed();
        boolean done = ServerSentEvents.read(ReplyBody.source(response.body(), endpoint.replyLimit()), (event, data) -> {
            if (data.strip().equals("[DONE]")) return true;
            JsonNode chunk;
            try {
                chunk = Json.parse(data);
            } catch (IOException e) {
                throw endpoint.failures().unreadable("a stream event", e);
            }
            if (HttpFailures.reportsError(chunk)) throw endpoint.failures().reportedError(chunk);
            parts.model(chunk.path("model").asText(null));
            for (JsonNode choice : chunk.path("choices")) {
                // With n > 1 the choices' chunks interleave; Orch reads choice 0, as from a whole reply.
                if (choice.path("index").asInt(0) != 0) continue;
                JsonNode delta = choice.path("delta");
                String piece = delta.path("content").isTextual() ? delta.path("content").asText() : "";
                if (!piece.isEmpty()) {
                    parts.text.append(piece);
                    request.onToken().onText(endpoint.failures().redact(piece));
                }
                if (delta.path("refusal").isTextual()) parts.refusal.append(delta.path("refusal").asText());
                if (delta.path("tool_calls").isArray()) calls.add(delta.path("tool_calls"));
                if (choice.path("finish_reason").isTextual()) parts.stopReason = choice.path("finish_reason").asText();
            }
            if (chunk.path("usage").isObject()) usage(parts, chunk.path("usage"));
            return false;
        });
        // Servers that predate `[DONE]` (text-generation-inference before its PR 2221) end the body after the
        // finish_reason: the reply is complete. Without either, the stream was cut short.
        if (!done && !parts.stopped()) throw endpoint.failures().streamCutShort();
        parts.toolCalls = calls.calls();
        return finish(parts, request);
    }

    /** `prompt_tokens` already counts the cached prompt tokens; they are priced as cache reads. */
    private static void usage(WireReply parts, JsonNode usage) {
        if (!usage.path("prompt_tokens").isNumber()) return;
        parts.tokensIn = usage.path("prompt_tokens").asLong();
        parts.tokensOut = usage.path("completion_tokens").asLong(-1);
        parts.cacheRead = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
    }

    private Completion finish(WireReply parts, CompletionRequest request) throws ProviderException {
        return parts.finish(request, endpoint.model(request), request.maxTokens(), endpoint.failures());
    }
}

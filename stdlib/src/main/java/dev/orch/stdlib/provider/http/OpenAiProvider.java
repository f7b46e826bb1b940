package dev.orch.stdlib.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.TokenEstimate;
import dev.orch.stdlib.provider.tool.ToolCall;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * `openai(...)` and `ollama(...)`: the Chat Completions API, POST {base_url}/chat/completions, which OpenAI serves
 * and so do Ollama, vLLM, llama.cpp and most local servers. JSON mode is `response_format: json_object`. A request
 * with a token listener streams (`stream: true` with `stream_options.include_usage`, so the last chunk carries the
 * usage); the stream must end with `data: [DONE]`, or the reply counts as cut short. A server that reports no usage
 * is charged the estimate (characters / 4), so budgets and `tpm` still hold.
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
        Completion reply = HttpExchange.send(endpoint.client(), http.build(), request.timeout(), endpoint.failures(),
                response -> stream ? readStream(response, request) : readWhole(response, request));
        if (!request.json() || !reply.toolCalls().isEmpty()) return reply;
        return new Completion(JsonReply.check(reply.text(), endpoint.failures()), reply.tokensIn(), reply.tokensOut(),
                reply.model());
    }

    ObjectNode body(CompletionRequest request, boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", endpoint.model(request));
        ArrayNode messages = body.putArray("messages");
        String system = request.system();
        if (request.json() && !mentionsJson(system) && !mentionsJson(request.prompt())) {
            // OpenAI rejects JSON mode unless a message says "JSON".
            system = system == null ? JsonReply.INSTRUCTION : system + "\n\n" + JsonReply.INSTRUCTION;
        }
        if (system != null) messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", request.prompt());
        OpenAiTools.addTo(body, messages, request);
        Double temperature = endpoint.temperature(request);
        if (temperature != null) body.put("temperature", temperature);
        if (request.maxTokens() != null) body.put(maxTokensField(), request.maxTokens());
        if (request.json()) body.putObject("response_format").put("type", "json_object");
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /** OpenAI's newer models take only `max_completion_tokens`; compatible servers know `max_tokens`. */
    private String maxTokensField() {
        return endpoint.baseUrl().contains("api.openai.com") ? "max_completion_tokens" : "max_tokens";
    }

    private static boolean mentionsJson(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).contains("json");
    }

    private Completion readWhole(Response response, CompletionRequest request) throws IOException, ProviderException {
        String raw = response.body().string();
        JsonNode reply;
        try {
            reply = Json.parse(raw);
        } catch (IOException e) {
            throw endpoint.failures().unreadable("a reply", e);
        }
        if (reply.has("error")) throw endpoint.failures().reportedError(reply);
        JsonNode message = reply.path("choices").path(0).path("message");
        if (message.isMissingNode()) throw endpoint.failures().unreadable("a reply without choices", null);
        String text = message.path("content").isTextual() ? message.path("content").asText()
                : message.path("refusal").asText("");
        return usage(text, reply.path("usage"), reply.path("model").asText(endpoint.model(request)), request,
                OpenAiTools.calls(message));
    }

    private Completion readStream(Response response, CompletionRequest request) throws IOException, ProviderException {
        StringBuilder text = new StringBuilder();
        JsonNode[] usage = {null};
        String[] model = {endpoint.model(request)};
        OpenAiTools.Streamed calls = new OpenAiTools.Streamed();
        boolean complete = ServerSentEvents.read(response.body().source(), (event, data) -> {
            if (data.strip().equals("[DONE]")) return true;
            JsonNode chunk;
            try {
                chunk = Json.parse(data);
            } catch (IOException e) {
                throw endpoint.failures().unreadable("a stream event", e);
            }
            if (chunk.has("error")) throw endpoint.failures().reportedError(chunk);
            if (chunk.path("model").isTextual()) model[0] = chunk.path("model").asText();
            JsonNode toolCalls = chunk.path("choices").path(0).path("delta").path("tool_calls");
            if (toolCalls.isArray()) calls.add(toolCalls);
            String delta = chunk.path("choices").path(0).path("delta").path("content").asText("");
            if (!delta.isEmpty()) {
                text.append(delta);
                request.onToken().onText(delta);
            }
            if (chunk.path("usage").isObject()) usage[0] = chunk.path("usage");
            return false;
        });
        if (!complete) throw endpoint.failures().truncated();
        return usage(text.toString(), usage[0], model[0], request, calls.calls());
    }

    private static Completion usage(String text, JsonNode usage, String model, CompletionRequest request,
                                    List<ToolCall> calls) {
        boolean reported = usage != null && usage.path("prompt_tokens").isNumber();
        long in = reported ? usage.path("prompt_tokens").asLong() : TokenEstimate.input(request);
        long out = reported ? usage.path("completion_tokens").asLong() : TokenEstimate.of(text);
        return new Completion(text, in, out, model, calls);
    }
}

package dev.orch.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * What the network-using examples reach, on loopback: OpenAI's chat completions and Anthropic's messages in their
 * wire format, and a plain-text health check for `http()`. A reply depends on the request alone (its prompt picks the
 * text), so runs whose parallel calls arrive in another order still see the same replies. The envelopes are the
 * recorded replies in stdlib's `wire/` fixtures (ids, usage, stop reasons as the providers sent them); only the
 * reply text is put in, chosen by the same rules each example's own offline test gives its mock model.
 */
final class LoopbackProviders extends Dispatcher {
    private static final Path WIRE = Path.of("..", "stdlib", "src", "test", "resources", "wire");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The rules of real-openai's `test` block, in order: the first whose pattern finds the prompt gives the text. */
    private static final List<Map.Entry<Pattern, String>> OPENAI_RULES = List.of(
            Map.entry(Pattern.compile("^Review"), "{\"score\": 8, \"issue\": \"none\"}"),
            Map.entry(Pattern.compile(".*"), "Circuit breakers stop calls to a failing service."));
    /** The rules of real-anthropic's `test` block. */
    private static final List<Map.Entry<Pattern, String>> ANTHROPIC_RULES = List.of(
            Map.entry(Pattern.compile("^Check"), "{\"ok\": true, \"gaps\": []}"),
            Map.entry(Pattern.compile("^List"), "1. scale 2. cost 3. relevance"),
            Map.entry(Pattern.compile(".*"), "1. index 2. query 3. rank"));

    private final JsonNode openAi = recorded("openai/plain-stop.json");
    private final JsonNode anthropic = recorded("anthropic/plain-end-turn.json");
    private final List<String> received = new ArrayList<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String body = request.getBody().readUtf8();
        synchronized (received) {
            received.add(request.getMethod() + " " + request.getPath() + " " + body);
        }
        try {
            return switch (request.getMethod() + " " + request.getPath()) {
                case "GET /health" -> new MockResponse().setHeader("Content-Type", "text/plain").setBody("ok");
                case "POST /v1/chat/completions" -> json(openAiReply(prompt(JSON.readTree(body))));
                case "POST /v1/messages" -> json(anthropicReply(prompt(JSON.readTree(body))));
                default -> new MockResponse().setResponseCode(404).setBody("no " + request.getPath() + " here");
            };
        } catch (IOException e) {
            return new MockResponse().setResponseCode(400).setBody("not JSON: " + e.getMessage());
        }
    }

    /** The requests received since the last call, sorted (parallel calls arrive in any order), and forgets them. */
    List<String> takeReceived() {
        synchronized (received) {
            List<String> all = received.stream().sorted().toList();
            received.clear();
            return all;
        }
    }

    private String openAiReply(String prompt) throws IOException {
        ObjectNode reply = openAi.deepCopy();
        ((ObjectNode) reply.path("choices").get(0).path("message")).put("content", text(OPENAI_RULES, prompt));
        return JSON.writeValueAsString(reply);
    }

    private String anthropicReply(String prompt) throws IOException {
        ObjectNode reply = anthropic.deepCopy();
        ((ObjectNode) reply.path("content").get(0)).put("text", text(ANTHROPIC_RULES, prompt));
        return JSON.writeValueAsString(reply);
    }

    /** The last user message's text (Anthropic's content may be a list of blocks). */
    private static String prompt(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (!m.path("role").asText().equals("user")) continue;
            JsonNode content = m.path("content");
            if (content.isTextual()) return content.asText();
            StringBuilder text = new StringBuilder();
            for (JsonNode block : content) text.append(block.path("text").asText(""));
            return text.toString();
        }
        return "";
    }

    private static String text(List<Map.Entry<Pattern, String>> rules, String prompt) {
        return rules.stream().filter(r -> r.getKey().matcher(prompt).find()).findFirst().orElseThrow().getValue();
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static JsonNode recorded(String name) {
        try {
            return JSON.readTree(Files.readString(WIRE.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

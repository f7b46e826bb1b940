package dev.orch.stdlib.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A recorded reply in the other form: a whole body as the stream a server would send for it, and a stream as the
 * whole body it adds up to, following each API's documented shapes. Written apart from the providers' own parsing
 * so that the replay test compares two independent readings of the same bytes.
 */
final class WireForms {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireForms() {}

    /** The `data:` payloads of a text/event-stream body, in order. */
    static List<String> events(String sse) {
        List<String> out = new ArrayList<>();
        StringBuilder data = null;
        for (String line : sse.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) out.add(data.toString());
                data = null;
            } else if (line.startsWith("data:")) {
                String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        if (data != null) out.add(data.toString());
        return out;
    }

    // ---- OpenAI Chat Completions -------------------------------------------------------------------------

    static String openAiStreamToPlain(String sse) throws IOException {
        Map<Integer, ObjectNode> messages = new TreeMap<>();
        Map<Integer, String> finish = new TreeMap<>();
        String model = "";
        JsonNode usage = null;
        for (String data : events(sse)) {
            if (data.strip().equals("[DONE]")) break;
            JsonNode chunk = MAPPER.readTree(data);
            if (!chunk.path("model").asText("").isBlank()) model = chunk.path("model").asText();
            if (chunk.path("usage").isObject()) usage = chunk.path("usage");
            for (JsonNode choice : chunk.path("choices")) {
                int index = choice.path("index").asInt();
                ObjectNode message = messages.computeIfAbsent(index, i -> NODES.objectNode().put("role", "assistant"));
                JsonNode delta = choice.path("delta");
                append(message, "content", delta.path("content"));
                append(message, "refusal", delta.path("refusal"));
                if (delta.path("tool_calls").isArray()) {
                    ArrayNode calls = message.has("tool_calls") ? (ArrayNode) message.get("tool_calls")
                            : message.putArray("tool_calls");
                    delta.path("tool_calls").forEach(calls::add);
                }
                if (choice.path("finish_reason").isTextual()) finish.put(index, choice.path("finish_reason").asText());
            }
        }
        ObjectNode whole = NODES.objectNode().put("object", "chat.completion").put("model", model);
        ArrayNode choices = whole.putArray("choices");
        messages.forEach((index, message) -> {
            if (!message.has("content")) message.putNull("content");
            choices.addObject().put("index", index).<ObjectNode>set("message", message)
                    .put("finish_reason", finish.get(index));
        });
        if (usage != null) whole.set("usage", usage);
        return MAPPER.writeValueAsString(whole);
    }

    private static void append(ObjectNode message, String field, JsonNode piece) {
        if (!piece.isTextual()) return;
        message.put(field, message.path(field).asText("") + piece.asText());
    }

    static String openAiPlainToStream(String json) throws IOException {
        JsonNode reply = MAPPER.readTree(json);
        StringBuilder out = new StringBuilder();
        for (JsonNode choice : reply.path("choices")) {
            int index = choice.path("index").asInt();
            JsonNode message = choice.path("message");
            out.append(openAiChunk(reply, index, NODES.objectNode().put("role", "assistant").put("content", ""), null));
            for (String piece : pieces(message.path("content").asText(""))) {
                out.append(openAiChunk(reply, index, NODES.objectNode().put("content", piece), null));
            }
            for (String piece : pieces(message.path("refusal").asText(""))) {
                out.append(openAiChunk(reply, index, NODES.objectNode().put("refusal", piece), null));
            }
            if (message.path("tool_calls").isArray()) {
                ObjectNode delta = NODES.objectNode();
                delta.set("tool_calls", message.path("tool_calls"));
                out.append(openAiChunk(reply, index, delta, null));
            }
            out.append(openAiChunk(reply, index, NODES.objectNode(), choice.path("finish_reason").asText(null)));
        }
        if (reply.path("usage").isObject()) {
            ObjectNode last = NODES.objectNode().put("object", "chat.completion.chunk")
                    .put("model", reply.path("model").asText(""));
            last.putArray("choices");
            last.set("usage", reply.path("usage"));
            out.append("data: ").append(MAPPER.writeValueAsString(last)).append("\n\n");
        }
        return out.append("data: [DONE]\n\n").toString();
    }

    private static String openAiChunk(JsonNode reply, int index, ObjectNode delta, String finishReason)
            throws IOException {
        ObjectNode chunk = NODES.objectNode().put("object", "chat.completion.chunk")
                .put("model", reply.path("model").asText(""));
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", index);
        choice.set("delta", delta);
        if (finishReason == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finishReason);
        return "data: " + MAPPER.writeValueAsString(chunk) + "\n\n";
    }

    /** Text split in a few pieces, as a server streams it. */
    private static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        int step = Math.max(1, text.length() / 3 + 1);
        for (int i = 0; i < text.length(); i += step) out.add(text.substring(i, Math.min(text.length(), i + step)));
        return out;
    }

    // ---- Anthropic Messages ------------------------------------------------------------------------------

    static String anthropicStreamToPlain(String sse) throws IOException {
        ObjectNode whole = NODES.objectNode().put("type", "message").put("role", "assistant");
        ObjectNode usage = NODES.objectNode();
        Map<Integer, ObjectNode> blocks = new TreeMap<>();
        for (String data : events(sse)) {
            JsonNode e = MAPPER.readTree(data);
            switch (e.path("type").asText()) {
                case "message_start" -> {
                    whole.put("model", e.path("message").path("model").asText());
                    usage.setAll((ObjectNode) e.path("message").path("usage"));
                }
                case "content_block_start" -> blocks.put(e.path("index").asInt(), e.path("content_block").deepCopy());
                case "content_block_delta" -> {
                    ObjectNode block = blocks.get(e.path("index").asInt());
                    JsonNode delta = e.path("delta");
                    if (delta.path("type").asText().equals("text_delta")) {
                        block.put("text", block.path("text").asText("") + delta.path("text").asText());
                    }
                }
                case "message_delta" -> {
                    whole.set("stop_reason", e.path("delta").path("stop_reason"));
                    if (e.path("delta").has("stop_details")) whole.set("stop_details", e.path("delta").path("stop_details"));
                    if (e.path("usage").isObject()) usage.setAll((ObjectNode) e.path("usage"));
                }
                default -> { }
            }
        }
        ArrayNode content = whole.putArray("content");
        blocks.values().forEach(content::add);
        whole.set("usage", usage);
        return MAPPER.writeValueAsString(whole);
    }

    static String anthropicPlainToStream(String json) throws IOException {
        JsonNode reply = MAPPER.readTree(json);
        StringBuilder out = new StringBuilder();
        ObjectNode start = NODES.objectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message").put("type", "message").put("role", "assistant")
                .put("model", reply.path("model").asText());
        message.putArray("content");
        ObjectNode startUsage = ((ObjectNode) reply.path("usage")).deepCopy().put("output_tokens", 1);
        message.set("usage", startUsage);
        event(out, "message_start", start);
        int index = 0;
        for (JsonNode block : reply.path("content")) {
            ObjectNode opened = NODES.objectNode().put("type", "content_block_start").put("index", index);
            if (block.path("type").asText().equals("text")) {
                opened.putObject("content_block").put("type", "text").put("text", "");
                event(out, "content_block_start", opened);
                for (String piece : pieces(block.path("text").asText())) {
                    ObjectNode delta = NODES.objectNode().put("type", "content_block_delta").put("index", index);
                    delta.putObject("delta").put("type", "text_delta").put("text", piece);
                    event(out, "content_block_delta", delta);
                }
            } else {
                opened.set("content_block", block);
                event(out, "content_block_start", opened);
            }
            event(out, "content_block_stop", NODES.objectNode().put("type", "content_block_stop").put("index", index));
            index++;
        }
        ObjectNode delta = NODES.objectNode().put("type", "message_delta");
        ObjectNode d = delta.putObject("delta");
        d.set("stop_reason", reply.path("stop_reason"));
        if (reply.has("stop_details")) d.set("stop_details", reply.path("stop_details"));
        delta.putObject("usage").put("output_tokens", reply.path("usage").path("output_tokens").asLong());
        event(out, "message_delta", delta);
        event(out, "message_stop", NODES.objectNode().put("type", "message_stop"));
        return out.toString();
    }

    private static void event(StringBuilder out, String name, JsonNode data) throws IOException {
        out.append("event: ").append(name).append('\n').append("data: ").append(MAPPER.writeValueAsString(data))
                .append("\n\n");
    }
}

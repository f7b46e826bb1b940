package dev.orch.stdlib.provider.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.JsonMappers;

/** The JSON the two APIs speak, read and written with one mapper. */
final class Json {
    static final ObjectMapper MAPPER = JsonMappers.DATA;

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A provider's error message: `{"error": {"message": ...}}` (OpenAI, Anthropic) or `{"error": "..."}` (Ollama). */
    static String errorMessage(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isTextual()) return error.asText();
        if (error.path("message").isTextual()) return error.path("message").asText();
        if (body.path("message").isTextual()) return body.path("message").asText();
        return null;
    }
}

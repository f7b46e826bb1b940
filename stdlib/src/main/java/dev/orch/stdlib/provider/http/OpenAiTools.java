package dev.orch.stdlib.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.tool.ToolCall;
import dev.orch.stdlib.provider.tool.ToolResult;
import dev.orch.stdlib.provider.tool.ToolSpec;
import dev.orch.stdlib.provider.tool.ToolTurn;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Tool calling in the Chat Completions API: `tools` of `{"type": "function", "function": {name, description,
 * parameters}}`; a reply's `message.tool_calls` (`{id, type: "function", function: {name, arguments}}`, arguments as
 * JSON text); each earlier turn repeated as an assistant message with its `tool_calls` and one role `tool` message a
 * result, with `tool_call_id`. The API has no error flag on a result, so a failed tool's text starts "error: ".
 * Streamed, a call arrives in pieces under `delta.tool_calls[i].index`: the id and name first, the arguments after.
 */
final class OpenAiTools {
    static final String ERROR_PREFIX = "error: ";

    private OpenAiTools() {}

    /** Adds the tools and the conversation so far to a request body whose messages end with the prompt. */
    static void addTo(ObjectNode body, ArrayNode messages, CompletionRequest request) {
        for (ToolTurn turn : request.turns()) {
            ObjectNode assistant = messages.addObject().put("role", "assistant");
            if (turn.text().isEmpty()) assistant.putNull("content");
            else assistant.put("content", turn.text());
            ArrayNode calls = assistant.putArray("tool_calls");
            for (ToolCall c : turn.calls()) {
                ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
            }
            for (ToolResult r : turn.results()) {
                messages.addObject().put("role", "tool").put("tool_call_id", r.callId())
                        .put("content", r.failed() ? ERROR_PREFIX + r.content() : r.content());
            }
        }
        if (request.tools().isEmpty()) return;
        ArrayNode tools = body.putArray("tools");
        for (ToolSpec t : request.tools()) {
            ObjectNode function = tools.addObject().put("type", "function").putObject("function");
            function.put("name", t.name()).put("description", t.description());
            function.set("parameters", t.parameters());
        }
    }

    /** The calls of a whole reply's message; empty when it answers. */
    static List<ToolCall> calls(JsonNode message) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode c : message.path("tool_calls")) {
            JsonNode f = c.path("function");
            calls.add(new ToolCall(c.path("id").asText(), f.path("name").asText(), arguments(f.path("arguments"))));
        }
        return calls;
    }

    /** Some compatible servers (Ollama) send the arguments as an object rather than as JSON text. */
    private static String arguments(JsonNode arguments) {
        if (arguments.isTextual()) return arguments.asText().isBlank() ? "{}" : arguments.asText();
        return arguments.isObject() ? Json.write(arguments) : "{}";
    }

    /** A streamed reply's calls, put together from their deltas. */
    static final class Streamed {
        private final TreeMap<Integer, String[]> byIndex = new TreeMap<>();

        void add(JsonNode deltaToolCalls) {
            int position = 0;
            for (JsonNode d : deltaToolCalls) {
                int index = d.path("index").asInt(position++);
                String[] call = byIndex.computeIfAbsent(index, i -> new String[] {"", "", ""});
                if (d.path("id").isTextual()) call[0] = d.path("id").asText();
                JsonNode f = d.path("function");
                if (f.path("name").isTextual()) call[1] += f.path("name").asText();
                if (f.path("arguments").isTextual()) call[2] += f.path("arguments").asText();
                else if (f.path("arguments").isObject()) call[2] = Json.write(f.path("arguments"));
            }
        }

        List<ToolCall> calls() {
            return byIndex.values().stream()
                    .map(c -> new ToolCall(c[0], c[1], c[2].isBlank() ? "{}" : c[2])).toList();
        }
    }
}

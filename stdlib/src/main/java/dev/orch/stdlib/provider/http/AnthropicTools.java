package dev.orch.stdlib.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.tool.ToolCall;
import dev.orch.stdlib.provider.tool.ToolResult;
import dev.orch.stdlib.provider.tool.ToolSpec;
import dev.orch.stdlib.provider.tool.ToolTurn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Tool use in the Messages API: `tools` of `{name, description, input_schema}`; a reply's content blocks of type
 * `tool_use` (`{id, name, input}`, input as an object); each earlier turn repeated as an assistant message with its
 * text and `tool_use` blocks, then one user message of `tool_result` blocks (`tool_use_id`, `content`, and `is_error`
 * for a failed tool). Streamed, a call is a `content_block_start` of type `tool_use` followed by `input_json_delta`
 * pieces of its input's JSON text.
 */
final class AnthropicTools {
    private AnthropicTools() {}

    /** Adds the tools and the conversation so far to a body whose messages end with the prompt. */
    static void addTo(ObjectNode body, ArrayNode messages, CompletionRequest request) {
        for (ToolTurn turn : request.turns()) {
            ArrayNode said = messages.addObject().put("role", "assistant").putArray("content");
            if (!turn.text().isEmpty()) said.addObject().put("type", "text").put("text", turn.text());
            for (ToolCall c : turn.calls()) {
                said.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name()).set("input", input(c));
            }
            ArrayNode results = messages.addObject().put("role", "user").putArray("content");
            for (ToolResult r : turn.results()) {
                ObjectNode result = results.addObject().put("type", "tool_result").put("tool_use_id", r.callId())
                        .put("content", r.content());
                if (r.failed()) result.put("is_error", true);
            }
        }
        if (request.tools().isEmpty()) return;
        ArrayNode tools = body.putArray("tools");
        for (ToolSpec t : request.tools()) {
            tools.addObject().put("name", t.name()).put("description", t.description()).set("input_schema", t.parameters());
        }
    }

    static final String OUTPUT_DESCRIPTION = "Give your answer: call this tool once, with the answer as its input.";

    /**
     * An agent with `output: T` answers through one more tool whose input schema is T: forced
     * (`tool_choice: {type: "tool", name}`) when it is the only tool, offered beside the agent's tools with
     * `tool_choice: auto` otherwise (decision 6); the tool loop ends when the model calls it.
     */
    static void addOutput(ObjectNode body, CompletionRequest request, OutputSchema output) {
        String name = output.toolName(request.tools());
        ArrayNode tools = body.has("tools") ? (ArrayNode) body.get("tools") : body.putArray("tools");
        tools.addObject().put("name", name).put("description", OUTPUT_DESCRIPTION).set("input_schema", output.schema());
        ObjectNode choice = body.putObject("tool_choice");
        if (request.tools().isEmpty()) choice.put("type", "tool").put("name", name);
        else choice.put("type", "auto");
    }

    /**
     * A call of the output tool is the answer: its input becomes the reply's text and the turn's other calls are
     * dropped, so the loop ends there.
     */
    static void takeOutput(WireReply parts, CompletionRequest request) {
        if (request.output() == null) return;
        String name = OutputSchema.of(request.output()).toolName(request.tools());
        for (ToolCall c : parts.toolCalls) {
            if (c.name().equals(name)) {
                parts.text.setLength(0);
                parts.text.append(c.arguments());
                parts.toolCalls = List.of();
                return;
            }
        }
    }

    /** The API wants the input back as the object it sent; arguments that were never valid JSON go back empty. */
    private static JsonNode input(ToolCall c) {
        try {
            JsonNode parsed = Json.parse(c.arguments());
            if (parsed.isObject()) return parsed;
        } catch (IOException e) {
            // Reported to the model by the tool loop as the call's error result.
        }
        return Json.object();
    }

    /** The calls in a whole reply's content; empty when it answers. */
    static List<ToolCall> calls(JsonNode content) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("tool_use")) {
                calls.add(new ToolCall(block.path("id").asText(), block.path("name").asText(), Json.write(block.path("input"))));
            }
        }
        return calls;
    }

    /** A streamed reply's calls, put together from their blocks. */
    static final class Streamed {
        private final TreeMap<Integer, String[]> byIndex = new TreeMap<>();

        void start(int index, JsonNode block) {
            if (!block.path("type").asText().equals("tool_use")) return;
            String input = block.path("input").isObject() && !block.path("input").isEmpty() ? Json.write(block.path("input")) : "";
            byIndex.put(index, new String[] {block.path("id").asText(), block.path("name").asText(), "", input});
        }

        void delta(int index, JsonNode delta) {
            String[] call = byIndex.get(index);
            if (call != null && delta.path("partial_json").isTextual()) call[2] += delta.path("partial_json").asText();
        }

        List<ToolCall> calls() {
            return byIndex.values().stream().map(c -> new ToolCall(c[0], c[1],
                    !c[2].isBlank() ? c[2] : !c[3].isEmpty() ? c[3] : "{}")).toList();
        }
    }
}

package dev.orch.stdlib.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.lang.DataType;
import dev.orch.compiler.lang.JsonSchema;
import dev.orch.stdlib.value.ReplyJson;
import dev.orch.stdlib.provider.tool.ToolSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * An agent's `output: T` as both APIs are asked for it: a name (the declared type's, or `output`), the schema from
 * {@link JsonSchema}, and whether OpenAI may hold the model to it (`strict`). A type whose root is not an object
 * travels as `{"value": ...}`, and {@link #unwrap} takes the value back out, so the one JSON path sees the value.
 */
record OutputSchema(DataType type, String name, ObjectNode schema, boolean strict) {
    private static final Pattern WIRE_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Map<DataType, OutputSchema> BUILT = new ConcurrentHashMap<>();

    /** The schema of a type, built once per type (a typed agent in a loop asks for the same one every call). */
    static OutputSchema of(DataType type) {
        return BUILT.computeIfAbsent(type, t -> {
            String declared = t.value() instanceof DataType.Obj o ? o.name() : null;
            String name = declared != null && WIRE_NAME.matcher(declared).matches() ? declared : "output";
            return new OutputSchema(t, name, JsonSchema.ofOutput(t), JsonSchema.strict(t));
        });
    }

    /** The name of the tool an Anthropic model answers through: {@link #name}, unless one of the agent's tools has it. */
    String toolName(List<ToolSpec> tools) {
        String candidate = name;
        while (taken(candidate, tools)) candidate = candidate + "_answer";
        return candidate;
    }

    private static boolean taken(String candidate, List<ToolSpec> tools) {
        for (ToolSpec t : tools) if (t.name().equals(candidate)) return true;
        return false;
    }

    /** The reply's JSON text with the value taken out of its wrapper; any other text is left for the validator. */
    String unwrap(String reply) {
        if (!JsonSchema.wrapped(type)) return reply;
        try {
            JsonNode parsed = Json.parse(ReplyJson.extract(reply));
            if (parsed.isObject() && parsed.size() == 1 && parsed.has(JsonSchema.WRAPPER_FIELD)) {
                return Json.write(parsed.get(JsonSchema.WRAPPER_FIELD));
            }
        } catch (IOException e) {
            // Not JSON: the validator says so, naming the reply.
        }
        return reply;
    }
}

package dev.orch.compiler.lang;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON schema of a type, the one generator for what a provider is asked to produce (`output: T`) and what a
 * tool takes. Written in the subset OpenAI's strict structured outputs accept, which every other provider reads as
 * plain JSON schema: every object lists all its fields as required and has `additionalProperties: false`, and an
 * optional field (`notes?: text`) is required but may be null. A type with `any` or `map` in it has parts of no
 * known shape, which strict mode cannot express: {@link #strict} is false for it.
 */
public final class JsonSchema {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonSchema() {}

    public static ObjectNode of(DataType type) {
        return switch (type) {
            case DataType.Text t -> primitive("string");
            case DataType.Num n -> primitive("number");
            case DataType.Duration d -> primitive("number").put("description", "milliseconds");
            case DataType.Bool b -> primitive("boolean");
            case DataType.Null n -> primitive("null");
            case DataType.Any a -> NODES.objectNode();
            case DataType.Reply r -> of(r.value());
            case DataType.Union u -> {
                ObjectNode s = primitive("string");
                ArrayNode literals = s.putArray("enum");
                u.literals().forEach(literals::add);
                yield s;
            }
            case DataType.ListOf l -> {
                ObjectNode s = primitive("array");
                s.set("items", of(l.item()));
                yield s;
            }
            case DataType.MapOf m -> primitive("object");
            case DataType.Obj o -> {
                ObjectNode s = primitive("object");
                ObjectNode properties = s.putObject("properties");
                ArrayNode required = s.putArray("required");
                for (DataType.Field f : o.fields()) {
                    properties.set(f.name(), of(f.optional() ? nullable(f.type()) : f.type()));
                    required.add(f.name());
                }
                s.put("additionalProperties", false);
                yield s;
            }
            case DataType.Nullable n -> orNull(of(n.inner()));
        };
    }

    /** Whether every part of the type has a known shape, so a provider can be held to it exactly. */
    public static boolean strict(DataType type) {
        return switch (type) {
            case DataType.Any a -> false;
            case DataType.MapOf m -> false;
            case DataType.Reply r -> strict(r.value());
            case DataType.ListOf l -> strict(l.item());
            case DataType.Nullable n -> strict(n.inner());
            case DataType.Obj o -> o.fields().stream().allMatch(f -> strict(f.type()));
            default -> true;
        };
    }

    /**
     * Whether a value of this type must travel inside an object (`{"value": ...}`): both OpenAI's `json_schema` and
     * an Anthropic tool's `input_schema` must describe an object at their root.
     */
    public static boolean wrapped(DataType type) {
        return !(type.value() instanceof DataType.Obj) || type instanceof DataType.Nullable;
    }

    /** The field a {@linkplain #wrapped wrapped} value travels in. */
    public static final String WRAPPER_FIELD = "value";

    /** The schema an `output: T` request sends: the type's own, or an object holding it in {@link #WRAPPER_FIELD}. */
    public static ObjectNode ofOutput(DataType type) {
        if (!wrapped(type)) return of(type);
        return of(new DataType.Obj(null, java.util.List.of(new DataType.Field(WRAPPER_FIELD, false, type))));
    }

    private static DataType nullable(DataType t) {
        return t instanceof DataType.Nullable || t instanceof DataType.Any || t instanceof DataType.Null
                ? t : new DataType.Nullable(t);
    }

    private static ObjectNode primitive(String jsonType) {
        return NODES.objectNode().put("type", jsonType);
    }

    /** `{"type": ["string", "null"]}` for a primitive, else `{"anyOf": [schema, {"type": "null"}]}`. */
    private static ObjectNode orNull(ObjectNode schema) {
        if (schema.isEmpty()) return schema;
        if (schema.size() == 1 && schema.path("type").isTextual()) {
            ObjectNode s = NODES.objectNode();
            s.putArray("type").add(schema.path("type").asText()).add("null");
            return s;
        }
        ObjectNode s = NODES.objectNode();
        s.putArray("anyOf").add(schema).add(primitive("null"));
        return s;
    }
}

package dev.orch.compiler.lang;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON schema of a {@link DataType}: what a model is told a tool's arguments (or a typed reply) must look like.
 * `text` is a string, a union of texts a string `enum`, `[T]` an array of T's, an object its properties (each
 * non-optional field required, no others allowed), `T?` T or null, `any` no constraint. `duration` has no JSON form
 * ({@link #unsupported} finds it), nor does a reply.
 */
public final class JsonSchema {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonSchema() {}

    /** The schema; a part with no JSON form (see {@link #unsupported}) comes out unconstrained. */
    public static ObjectNode of(DataType t) {
        ObjectNode s = JSON.objectNode();
        switch (t) {
            case DataType.Text x -> s.put("type", "string");
            case DataType.Num x -> s.put("type", "number");
            case DataType.Bool x -> s.put("type", "boolean");
            case DataType.Null x -> s.put("type", "null");
            case DataType.Any x -> { }
            case DataType.Duration x -> { }
            case DataType.Reply r -> {
                return of(r.value());
            }
            case DataType.Union u -> {
                s.put("type", "string");
                ArrayNode values = s.putArray("enum");
                u.literals().forEach(values::add);
            }
            case DataType.ListOf l -> {
                s.put("type", "array");
                if (!(l.item() instanceof DataType.Any)) s.set("items", of(l.item()));
            }
            case DataType.MapOf m -> s.put("type", "object");
            case DataType.Obj o -> {
                s.put("type", "object");
                ObjectNode properties = s.putObject("properties");
                ArrayNode required = s.putArray("required");
                for (DataType.Field f : o.fields()) {
                    properties.set(f.name(), of(f.type()));
                    if (!f.optional()) required.add(f.name());
                }
                s.put("additionalProperties", false);
            }
            case DataType.Nullable n -> {
                ObjectNode inner = of(n.inner());
                if (inner.path("type").isTextual() && !inner.has("enum")) {
                    ArrayNode types = JSON.arrayNode().add(inner.get("type").asText()).add("null");
                    inner.set("type", types);
                    return inner;
                }
                s.putArray("anyOf").add(inner).add(JSON.objectNode().put("type", "null"));
            }
        }
        return s;
    }

    /** The first part of {@code t} that has no JSON schema (a `duration`), or null when all of it has one. */
    public static DataType unsupported(DataType t) {
        return switch (t) {
            case DataType.Duration d -> d;
            case DataType.Reply r -> r;
            case DataType.ListOf l -> unsupported(l.item());
            case DataType.Nullable n -> unsupported(n.inner());
            case DataType.Obj o -> {
                for (DataType.Field f : o.fields()) {
                    DataType bad = unsupported(f.type());
                    if (bad != null) yield bad;
                }
                yield null;
            }
            default -> null;
        };
    }
}

package dev.orch.stdlib.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.JsonMappers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How values show (`print`, interpolation), convert to and from JSON, and are named in messages. */
public final class Values {
    private static final ObjectMapper JSON = JsonMappers.DATA;

    private Values() {}

    /** Text as it is, whole numbers without a decimal point, lists and maps as JSON. */
    public static String show(Value v) {
        return switch (v) {
            case Value.Text t -> t.value();
            case Value.Reply r -> r.text();
            case Value.Num n -> number(n.value());
            case Value.Bool b -> Boolean.toString(b.value());
            case Value.Null n -> "null";
            case Value.ListOf l -> toJsonText(v);
            case Value.MapOf m -> toJsonText(v);
        };
    }

    public static String number(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        // A reply's cost is often a fraction of a cent: show 0.00005, not Java's 5.0E-5.
        if (Double.isFinite(d) && Math.abs(d) >= 1e-9 && Math.abs(d) < 1e15) {
            return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return Double.toString(d);
    }

    /** The text of a value that stands for text (text or reply), else null. */
    public static String text(Value v) {
        if (v instanceof Value.Text t) return t.value();
        if (v instanceof Value.Reply r) return r.text();
        return null;
    }

    public static String typeName(Value v) {
        return switch (v) {
            case Value.Text t -> "text";
            case Value.Reply r -> "reply";
            case Value.Num n -> "number";
            case Value.Bool b -> "bool";
            case Value.Null n -> "null";
            case Value.ListOf l -> "list";
            case Value.MapOf m -> "map";
        };
    }

    public static String toJsonText(Value v) {
        try {
            return JSON.writeValueAsString(toJson(v));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a value always serialises", e);
        }
    }

    public static JsonNode toJson(Value v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (v) {
            case Value.Text t -> f.textNode(t.value());
            case Value.Reply r -> f.textNode(r.text());
            case Value.Num n -> n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 1e15
                    ? f.numberNode((long) n.value()) : f.numberNode(n.value());
            case Value.Bool b -> f.booleanNode(b.value());
            case Value.Null n -> f.nullNode();
            case Value.ListOf l -> {
                ArrayNode a = f.arrayNode();
                l.items().forEach(i -> a.add(toJson(i)));
                yield a;
            }
            case Value.MapOf m -> {
                ObjectNode o = f.objectNode();
                m.entries().forEach((k, i) -> o.set(k, toJson(i)));
                yield o;
            }
        };
    }

    /** A plain Java tree (maps, lists, strings, numbers, booleans, null) as JSON, as libraries hand them over. */
    public static JsonNode treeOf(Object plain) {
        return JSON.valueToTree(plain);
    }

    /** Parses JSON text; throws {@link JsonProcessingException} when it is not JSON. */
    public static Value parseJson(String text) throws JsonProcessingException {
        JsonNode node = JSON.readTree(text);
        if (node == null || node.isMissingNode()) throw new JsonProcessingException("no JSON value in the text") {};
        return fromJson(node);
    }

    public static Value fromJson(JsonNode node) {
        if (node.isTextual()) return new Value.Text(node.textValue());
        if (node.isNumber()) return new Value.Num(node.doubleValue());
        if (node.isBoolean()) return Value.of(node.booleanValue());
        if (node.isArray()) {
            List<Value> items = new ArrayList<>();
            node.forEach(n -> items.add(fromJson(n)));
            return new Value.ListOf(items);
        }
        if (node.isObject()) {
            Map<String, Value> entries = new LinkedHashMap<>();
            node.properties().forEach(e -> entries.put(e.getKey(), fromJson(e.getValue())));
            return new Value.MapOf(entries);
        }
        return Value.NULL;
    }

    /**
     * The JSON value an agent answered with, keeping the reply's usage (`.tokens_in`, `.cost`, ...): a map or list
     * carries the reply beside it, a text becomes a reply of that text; a number, bool or null has no room for it.
     */
    public static Value answering(Value value, Value.Reply reply) {
        return switch (value) {
            case Value.MapOf m -> new Value.MapOf(m.entries(), reply);
            case Value.ListOf l -> new Value.ListOf(l.items(), reply);
            case Value.Text t -> new Value.Reply(t.value(), reply.tokensIn(), reply.tokensOut(), reply.cost(), reply.model(),
                    reply.ms(), reply.attempts(), reply.turns(), reply.toolCalls());
            default -> value;
        };
    }

    /** Equality as a script sees it: a reply equals its text. */
    public static boolean same(Value a, Value b) {
        String ta = text(a);
        String tb = text(b);
        if (ta != null || tb != null) return ta != null && ta.equals(tb);
        return switch (a) {
            case Value.ListOf l when b instanceof Value.ListOf r -> {
                if (l.items().size() != r.items().size()) yield false;
                for (int i = 0; i < l.items().size(); i++) if (!same(l.items().get(i), r.items().get(i))) yield false;
                yield true;
            }
            case Value.MapOf l when b instanceof Value.MapOf r -> {
                if (!l.entries().keySet().equals(r.entries().keySet())) yield false;
                for (var e : l.entries().entrySet()) if (!same(e.getValue(), r.entries().get(e.getKey()))) yield false;
                yield true;
            }
            default -> a.equals(b);
        };
    }
}

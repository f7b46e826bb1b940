package dev.orch.stdlib.value;

import dev.orch.compiler.lang.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether a value fits a type, and where it first does not: `$.score: expected a number, got "high"`. The one
 * validator for typed replies on every provider and for `x as T`. A field that may be missing and is missing comes
 * back as null, so a script reads `r.notes` as null rather than failing; fields the type does not declare are kept.
 */
public final class Conformance {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");

    private Conformance() {}

    /** Why a value does not fit: the JSON path of the first mismatch and what was expected there. */
    public static final class Mismatch extends Exception {
        public Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    /** The value, with missing optional fields filled in as null; or the first mismatch. */
    public static Value conform(Value v, DataType type) throws Mismatch {
        return conform(v, type, "$");
    }

    private static Value conform(Value v, DataType type, String path) throws Mismatch {
        if (v instanceof Value.Reply r) v = new Value.Text(r.text());
        switch (type) {
            case DataType.Any a -> {
                return v;
            }
            case DataType.Reply r -> {
                return conform(v, r.value(), path);
            }
            case DataType.Nullable n -> {
                return v instanceof Value.Null ? v : conform(v, n.inner(), path);
            }
            case DataType.Null n -> {
                if (v instanceof Value.Null) return v;
            }
            case DataType.Text t -> {
                if (v instanceof Value.Text) return v;
            }
            case DataType.Union u -> {
                if (v instanceof Value.Text t) {
                    if (u.literals().contains(t.value())) return v;
                    throw new Mismatch(path + ": expected " + u.show() + ", got " + shown(v));
                }
            }
            case DataType.Num n -> {
                if (v instanceof Value.Num) return v;
            }
            case DataType.Duration d -> {
                if (v instanceof Value.Num) return v;
            }
            case DataType.Bool b -> {
                if (v instanceof Value.Bool) return v;
            }
            case DataType.ListOf l -> {
                if (v instanceof Value.ListOf list) {
                    List<Value> items = new ArrayList<>(list.items().size());
                    for (int i = 0; i < list.items().size(); i++) items.add(conform(list.items().get(i), l.item(), path + "[" + i + "]"));
                    return new Value.ListOf(items);
                }
            }
            case DataType.MapOf m -> {
                if (v instanceof Value.MapOf) return v;
            }
            case DataType.Obj o -> {
                if (v instanceof Value.MapOf map) {
                    Map<String, Value> out = new LinkedHashMap<>(map.entries());
                    for (DataType.Field f : o.fields()) {
                        String at = path + (WORD.matcher(f.name()).matches() ? "." + f.name() : "[\"" + f.name() + "\"]");
                        Value given = map.entries().get(f.name());
                        if (given == null || given instanceof Value.Null) {
                            if (f.optional()) {
                                out.put(f.name(), Value.NULL);
                                continue;
                            }
                            if (given == null) throw new Mismatch(at + ": missing, expected " + f.type().describe());
                        }
                        out.put(f.name(), conform(given, f.type(), at));
                    }
                    return new Value.MapOf(out);
                }
            }
        }
        throw new Mismatch(path + ": expected " + type.describe() + ", got " + shown(v));
    }

    /** `"high"`, `12`, `a list`, `null`: what a message shows of the value that did not fit. */
    private static String shown(Value v) {
        return switch (v) {
            case Value.Text t -> "\"" + (t.value().length() > 40 ? t.value().substring(0, 40) + "..." : t.value()) + "\"";
            case Value.Num n -> Values.number(n.value());
            case Value.Bool b -> Boolean.toString(b.value());
            case Value.Null n -> "null";
            case Value.ListOf l -> "a list";
            case Value.MapOf m -> "an object";
            case Value.Reply r -> "a reply";
        };
    }
}

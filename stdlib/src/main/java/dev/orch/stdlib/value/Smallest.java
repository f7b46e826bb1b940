package dev.orch.stdlib.value;

import dev.orch.compiler.lang.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest value of a type: what the mock answers an agent with `output: T` when no rule matches, so every typed
 * script runs offline. The first literal of a union, 0, false, "", [], {}, null for `T?` and `any`, and every
 * required field of an object (optional ones left out).
 */
public final class Smallest {
    private Smallest() {}

    public static Value of(DataType type) {
        return switch (type) {
            case DataType.Text t -> new Value.Text("");
            case DataType.Union u -> new Value.Text(u.literals().isEmpty() ? "" : u.literals().get(0));
            case DataType.Num n -> new Value.Num(0);
            case DataType.Duration d -> new Value.Num(0);
            case DataType.Bool b -> Value.FALSE;
            case DataType.ListOf l -> new Value.ListOf(List.of());
            case DataType.MapOf m -> new Value.MapOf(Map.of());
            case DataType.Obj o -> {
                Map<String, Value> fields = new LinkedHashMap<>();
                for (DataType.Field f : o.fields()) if (!f.optional()) fields.put(f.name(), of(f.type()));
                yield new Value.MapOf(fields);
            }
            case DataType.Reply r -> of(r.value());
            case DataType.Nullable n -> Value.NULL;
            case DataType.Any a -> Value.NULL;
            case DataType.Null n -> Value.NULL;
        };
    }
}

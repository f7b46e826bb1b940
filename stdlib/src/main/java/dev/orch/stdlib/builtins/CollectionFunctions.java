package dev.orch.stdlib.builtins;

import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The builtins over lists and maps: slice (texts too), keys, values, has, get, merge, sort, unique, sum, min, max.
 * Indexes count from 0, and a negative one from the end, as `xs[-1]` does.
 */
final class CollectionFunctions {
    private CollectionFunctions() {}

    static void register(Map<Builtin, BuiltinFunction> table) {
        table.put(Builtin.SLICE, CollectionFunctions::slice);
        table.put(Builtin.KEYS, a -> new Value.ListOf(map(a, 0).entries().keySet().stream().map(k -> (Value) new Value.Text(k)).toList()));
        table.put(Builtin.VALUES, a -> new Value.ListOf(List.copyOf(map(a, 0).entries().values())));
        table.put(Builtin.HAS, CollectionFunctions::has);
        table.put(Builtin.GET, CollectionFunctions::get);
        table.put(Builtin.MERGE, a -> {
            Map<String, Value> all = new LinkedHashMap<>();
            for (int i = 0; i < a.positional().size(); i++) all.putAll(map(a, i).entries());
            return new Value.MapOf(all);
        });
        table.put(Builtin.SORT, a -> {
            List<Value> items = new ArrayList<>(list(a, 0).items());
            items.sort(order(a, items));
            return new Value.ListOf(items);
        });
        table.put(Builtin.UNIQUE, a -> {
            Set<String> seen = new LinkedHashSet<>();
            List<Value> kept = new ArrayList<>();
            for (Value v : list(a, 0).items()) if (seen.add(identity(v))) kept.add(v);
            return new Value.ListOf(kept);
        });
        table.put(Builtin.SUM, a -> {
            double total = 0;
            for (Value v : list(a, 0).items()) {
                if (!(v instanceof Value.Num n)) throw fail("sum() adds numbers, but the list holds a " + Values.typeName(v));
                total += n.value();
            }
            return new Value.Num(total);
        });
        table.put(Builtin.MIN, a -> extreme(a, -1));
        table.put(Builtin.MAX, a -> extreme(a, 1));
    }

    /** An index counted from the end when negative, as Python's: -1 is the last. */
    static int fromEnd(double index, int length) {
        int i = (int) index;
        return i < 0 ? i + length : i;
    }

    private static Value slice(BuiltinFunction.Args a) throws BuiltinException {
        Value x = a.arg(0);
        int length = switch (x) {
            case Value.ListOf l -> l.items().size();
            default -> {
                String text = Values.text(x);
                if (text == null) throw fail("slice() takes a text or a list, not a " + Values.typeName(x));
                yield text.codePointCount(0, text.length());
            }
        };
        int from = clamp(fromEnd(number(a, 1), length), length);
        int to = a.positional().size() > 2 && !(a.arg(2) instanceof Value.Null) ? clamp(fromEnd(number(a, 2), length), length) : length;
        if (to < from) to = from;
        if (x instanceof Value.ListOf l) return new Value.ListOf(l.items().subList(from, to));
        String text = Values.text(x);
        return new Value.Text(text.substring(text.offsetByCodePoints(0, from), text.offsetByCodePoints(0, to)));
    }

    private static Value has(BuiltinFunction.Args a) throws BuiltinException {
        Value x = a.arg(0);
        Value key = a.arg(1);
        return switch (x) {
            case Value.MapOf m -> Value.of(Values.text(key) != null && m.entries().containsKey(Values.text(key)));
            case Value.ListOf l -> Value.of(l.items().stream().anyMatch(i -> Values.same(i, key)));
            default -> throw fail("has() looks in a map or a list, not a " + Values.typeName(x));
        };
    }

    /** `get(m, key, default)`: what a missing field gives instead of `bad_output`; a null map or list has nothing. */
    private static Value get(BuiltinFunction.Args a) throws BuiltinException {
        Value x = a.arg(0);
        Value key = a.arg(1);
        Value otherwise = a.positional().size() > 2 ? a.arg(2) : Value.NULL;
        return switch (x) {
            case Value.MapOf m -> {
                String k = Values.text(key);
                if (k == null) throw fail("get() reads a map by a text key, not a " + Values.typeName(key));
                yield m.entries().getOrDefault(k, otherwise);
            }
            case Value.ListOf l -> {
                if (!(key instanceof Value.Num n)) throw fail("get() reads a list by a number, not a " + Values.typeName(key));
                int i = fromEnd(n.value(), l.items().size());
                yield i >= 0 && i < l.items().size() ? l.items().get(i) : otherwise;
            }
            case Value.Null n -> otherwise;
            default -> throw fail("get() reads a map or a list, not a " + Values.typeName(x));
        };
    }

    /** `min(xs)` or `min(a, b, ...)`. */
    private static Value extreme(BuiltinFunction.Args a, int sign) throws BuiltinException {
        List<Value> items = a.positional().size() == 1 && a.arg(0) instanceof Value.ListOf l ? l.items() : a.positional();
        if (items.isEmpty()) throw fail(a.name() + "() of an empty list has no value");
        Comparator<Value> order = order(a, items);
        Value best = items.get(0);
        for (Value v : items) if (sign * order.compare(v, best) > 0) best = v;
        return best;
    }

    /** Numbers by value or texts by code point: one kind, not both. */
    private static Comparator<Value> order(BuiltinFunction.Args a, List<Value> items) throws BuiltinException {
        boolean numbers = !items.isEmpty() && items.get(0) instanceof Value.Num;
        for (Value v : items) {
            boolean ok = numbers ? v instanceof Value.Num : Values.text(v) != null;
            if (!ok) {
                throw fail(a.name() + "() compares numbers or texts, one kind at a time, but the values hold a "
                        + Values.typeName(items.get(0)) + " and a " + Values.typeName(v));
            }
        }
        return numbers ? Comparator.comparingDouble(v -> ((Value.Num) v).value()) : Comparator.comparing(Values::text);
    }

    /** Equal values as a script sees them (a reply equals its text) have one identity. */
    private static String identity(Value v) {
        String text = Values.text(v);
        return text != null ? "t" + text : "j" + Values.toJsonText(v);
    }

    private static Value.MapOf map(BuiltinFunction.Args a, int i) throws BuiltinException {
        if (a.arg(i) instanceof Value.MapOf m) return m;
        throw fail(a.name() + "() takes a map as argument " + (i + 1) + ", not a " + Values.typeName(a.arg(i)));
    }

    private static Value.ListOf list(BuiltinFunction.Args a, int i) throws BuiltinException {
        if (a.arg(i) instanceof Value.ListOf l) return l;
        throw fail(a.name() + "() takes a list as argument " + (i + 1) + ", not a " + Values.typeName(a.arg(i)));
    }

    private static double number(BuiltinFunction.Args a, int i) throws BuiltinException {
        if (a.arg(i) instanceof Value.Num n) return n.value();
        throw fail(a.name() + "() takes a number as argument " + (i + 1) + ", not a " + Values.typeName(a.arg(i)));
    }

    private static int clamp(int i, int length) {
        return Math.max(0, Math.min(length, i));
    }

    private static BuiltinException fail(String message) {
        return new BuiltinException(ErrorKind.FAIL, message);
    }
}

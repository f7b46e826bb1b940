package dev.orch.stdlib.value;

import java.util.List;
import java.util.Map;

/**
 * A run-time value of a script: text, number, bool, null, list, map, or the reply of an agent call (text that also
 * carries its usage). Durations are numbers of milliseconds. Lists and maps are immutable.
 */
public sealed interface Value {
    Null NULL = new Null();
    Bool TRUE = new Bool(true);
    Bool FALSE = new Bool(false);

    record Text(String value) implements Value {}

    record Num(double value) implements Value {}

    record Bool(boolean value) implements Value {}

    record Null() implements Value {}

    /**
     * {@code reply}: the agent call whose JSON answer this list is (`format: "json"` or `output: [T]`), so the list
     * still has `.tokens_in`, `.cost`, ...; null for any other list. It never takes part in equality a script sees.
     */
    record ListOf(List<Value> items, Reply reply) implements Value {
        public ListOf {
            items = List.copyOf(items);
        }

        public ListOf(List<Value> items) {
            this(items, null);
        }
    }

    /**
     * Keys keep the order they were written or parsed in. {@code reply}: the agent call whose JSON answer this map
     * is, so it still has the reply's fields where it has no key of that name; null for any other map.
     */
    record MapOf(Map<String, Value> entries, Reply reply) implements Value {
        public MapOf {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }

        public MapOf(Map<String, Value> entries) {
            this(entries, null);
        }
    }

    /**
     * An agent's answer: behaves as its text, and has `.tokens_in`, `.tokens_out`, `.cost`, `.model`, `.ms`,
     * `.attempts`, `.turns` (model turns, more than 1 when it called tools) and `.tool_calls` (one `{tool, args, ok,
     * ms}` map per tool call, in the order the model asked for them).
     */
    record Reply(String text, long tokensIn, long tokensOut, double cost, String model, long ms, int attempts,
                 int turns, List<Value> toolCalls) implements Value {
        public Reply {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        /** A reply of one turn without tools. */
        public Reply(String text, long tokensIn, long tokensOut, double cost, String model, long ms, int attempts) {
            this(text, tokensIn, tokensOut, cost, model, ms, attempts, 1, List.of());
        }
    }

    static Value of(String text) {
        return new Text(text);
    }

    static Value of(double number) {
        return new Num(number);
    }

    static Value of(boolean bool) {
        return bool ? TRUE : FALSE;
    }
}

package dev.orch.compiler.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The options of `mock(...)`; rules keep the order they were written in, since the first match wins. */
public record MockSpec(List<Rule> rules, Long latencyMs, Integer failFirst, String fail, Double failRate, Long seed) {
    /**
     * A rule's reply: a text ({@code reply}), or the turns of a tool conversation ({@code turns}, then {@code reply}
     * is null): `"^Fix": [{ call: "write", args: { ... } }, "done: $result"]`.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String pattern, String reply, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Turn> turns) {
        public Rule {
            turns = turns == null ? List.of() : List.copyOf(turns);
        }

        public Rule(String pattern, String reply) {
            this(pattern, reply, List.of());
        }
    }

    /** One scripted model turn: tool calls (several run in parallel), or, with no calls, the final answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Turn(@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Call> calls, String text) {
        public Turn {
            calls = calls == null ? List.of() : List.copyOf(calls);
        }
    }

    /** `{ call: "files.read_text_file", args: { path: "a.txt" } }`: the tool by its script name, its arguments as JSON. */
    public record Call(String tool, JsonNode args) {}
}

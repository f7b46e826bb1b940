package dev.orch.compiler.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.lang.DataType;
import java.util.List;

/**
 * An agent with `extends` already applied: every key it or an ancestor set. Absent keys are null, except
 * {@code tools}: the names in its `tools:` list as written (`read`, `run_tests`, `files`, `files.read_text_file`),
 * empty when it has none. {@code output} is the resolved type of `output: T`, or null for a text reply.
 */
public record AgentSpec(
        String name,
        String extendsAgent,
        String model,
        String system,
        Double temperature,
        Integer maxTokens,
        String format,
        Long timeoutMs,
        String breaker,
        Span span,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tools,
        Integer maxTurns,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Span> toolSpans,
        @JsonInclude(JsonInclude.Include.NON_NULL) DataType output) {

    public AgentSpec {
        tools = tools == null ? List.of() : List.copyOf(tools);
        toolSpans = toolSpans == null ? List.of() : List.copyOf(toolSpans);
    }

    /** Where the list names tool {@code i}, for an error found when the run starts; the agent's span if unknown. */
    public Span toolSpan(int i) {
        return i < toolSpans.size() ? toolSpans.get(i) : span;
    }

    /** An agent without tools. */
    public AgentSpec(String name, String extendsAgent, String model, String system, Double temperature, Integer maxTokens,
                     String format, Long timeoutMs, String breaker, Span span) {
        this(name, extendsAgent, model, system, temperature, maxTokens, format, timeoutMs, breaker, span, List.of(), null, List.of(), null);
    }

    /** How many model turns one call may take when the agent does not say: `max_turns` defaults to 10. */
    public static final int DEFAULT_MAX_TURNS = 10;

    /** The most model turns one call may take: 1 without tools. */
    public int turnLimit() {
        if (tools.isEmpty()) return 1;
        return maxTurns == null ? DEFAULT_MAX_TURNS : maxTurns;
    }
}

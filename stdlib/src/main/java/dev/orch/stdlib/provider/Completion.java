package dev.orch.stdlib.provider;

import dev.orch.stdlib.provider.tool.ToolCall;
import java.util.List;

/**
 * A model's reply and the usage the provider reported (or estimated, for `mock`). {@code toolCalls}: the tools the
 * model asks to run before it answers (empty: {@code text} is the answer).
 */
public record Completion(String text, long tokensIn, long tokensOut, String model, List<ToolCall> toolCalls) {
    public Completion {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public Completion(String text, long tokensIn, long tokensOut, String model) {
        this(text, tokensIn, tokensOut, model, List.of());
    }
}

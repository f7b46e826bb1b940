package dev.orch.stdlib.provider.tool;

import java.util.List;

/**
 * One finished turn of a tool conversation, as the next request repeats it: the text the model wrote beside its
 * calls (often empty), the calls it asked for, and the results in the same order.
 */
public record ToolTurn(String text, List<ToolCall> calls, List<ToolResult> results) {
    public ToolTurn {
        text = text == null ? "" : text;
        calls = List.copyOf(calls);
        results = List.copyOf(results);
    }
}

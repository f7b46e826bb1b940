package dev.orch.stdlib.provider.tool;

/** What one tool call returned, as text for the model; {@code failed}: the text is the tool's error. */
public record ToolResult(String callId, String name, String content, boolean failed) {}

package dev.orch.stdlib.provider.tool;

/**
 * A model's request to run one tool: the provider's id for the call (sent back with the result), the tool's wire name
 * and its arguments as the JSON text the model wrote (which may be invalid: the tool loop reports that to the model).
 */
public record ToolCall(String id, String name, String arguments) {}

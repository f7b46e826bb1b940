package dev.orch.stdlib.provider.tool;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool as a model is offered it: its name on the wire (matching {@code ^[a-zA-Z0-9_-]{1,64}$}), what it does, and
 * the JSON schema of its arguments (always an object schema).
 */
public record ToolSpec(String name, String description, JsonNode parameters) {}

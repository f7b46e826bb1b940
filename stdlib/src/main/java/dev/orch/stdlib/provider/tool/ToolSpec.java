package dev.orch.stdlib.provider.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orch.stdlib.provider.TokenEstimate;

/**
 * A tool as a model is offered it: its name on the wire (matching {@code ^[a-zA-Z0-9_-]{1,64}$}), what it does, and
 * the JSON schema of its arguments (always an object schema). {@code tokens}: what offering it adds to a request's
 * input, by {@link TokenEstimate}'s rule, counted once here rather than on every turn that offers it.
 */
public record ToolSpec(String name, String description, JsonNode parameters, long tokens) {
    public ToolSpec(String name, String description, JsonNode parameters) {
        this(name, description, parameters,
                TokenEstimate.of(name) + TokenEstimate.of(description) + TokenEstimate.of(String.valueOf(parameters)));
    }
}

package dev.orch.interpreter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One tool an MCP server lists (`tools/list`): its name on the server, the description the model reads (its title,
 * else its name, where it has none) and its input schema, an object schema.
 */
public record ServerTool(String name, String description, JsonNode inputSchema) {}

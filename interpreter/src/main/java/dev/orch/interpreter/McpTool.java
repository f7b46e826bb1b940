package dev.orch.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.provider.tool.ToolSpec;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One tool of an MCP server offered to a model (`files.read_text_file`): its description and input schema as the
 * server listed them, run as `tools/call`. The result's text parts are what the model reads back (structured content
 * when there is no text); a result the server marks `isError` fails the call, so the model gets it as an error.
 */
record McpTool(String name, McpServers.Server server, McpSchema.Tool tool) implements AgentTool {
    @Override
    public ToolSpec spec() {
        JsonNode schema = Values.treeOf(tool.inputSchema());
        if (schema instanceof ObjectNode o && !o.has("type")) o.put("type", "object");
        String description = tool.description() != null ? tool.description() : tool.title() != null ? tool.title() : tool.name();
        return new ToolSpec(ToolBox.wireName(name), description, schema);
    }

    @Override
    public Value run(Map<String, Value> args, ToolUse use) throws InterruptedException {
        McpSchema.CallToolResult result;
        try {
            result = server.client().callTool(new McpSchema.CallToolRequest(McpJsonDefaults.getMapper(), tool.name(),
                    Values.toJsonText(new Value.MapOf(args))));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException("cancelled");
            throw RunError.of(ErrorKind.FAIL, "the mcp server " + server.spec().name() + " did not answer " + name + ": "
                    + McpServers.reason(e), null, null, 1);
        }
        String text = text(result);
        if (Boolean.TRUE.equals(result.isError())) throw RunError.of(ErrorKind.FAIL, text, null, null, 1);
        return new Value.Text(text);
    }

    private static String text(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        for (McpSchema.Content c : result.content()) {
            switch (c) {
                case McpSchema.TextContent t -> parts.add(t.text());
                case McpSchema.EmbeddedResource r when r.resource() instanceof McpSchema.TextResourceContents t -> parts.add(t.text());
                case McpSchema.ImageContent i -> parts.add("[image " + i.mimeType() + "]");
                case McpSchema.AudioContent a -> parts.add("[audio " + a.mimeType() + "]");
                case McpSchema.ResourceLink l -> parts.add("[resource " + l.uri() + "]");
                default -> parts.add("[" + c.type() + "]");
            }
        }
        if (parts.isEmpty() && result.structuredContent() != null) return Values.treeOf(result.structuredContent()).toString();
        return String.join("\n", parts);
    }
}

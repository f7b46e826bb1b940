package dev.orch.interpreter;

import dev.orch.stdlib.provider.tool.ToolSpec;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.Map;

/**
 * One tool of an MCP server offered to a model (`files.read_text_file`): its description and input schema as the
 * server listed them, run as `tools/call` through the engine. The result's text is what the model reads back; a
 * result the server marks `isError` fails the call, so the model gets it as an error.
 */
record McpTool(String name, McpServers.Server server, ServerTool tool, Engine engine) implements AgentTool {
    @Override
    public ToolSpec spec() {
        return new ToolSpec(ToolBox.wireName(name), tool.description(), tool.inputSchema().deepCopy());
    }

    @Override
    public Value run(Map<String, Value> args, ToolUse use) throws InterruptedException {
        try {
            return new Value.Text(engine.mcpCall(server.spec(), tool.name(), Values.toJsonText(new Value.MapOf(args))));
        } catch (McpFailure e) {
            throw RunError.of(e.kind(), e.getMessage(), null, null, 1);
        }
    }
}

package dev.orch.interpreter;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.lang.JsonSchema;
import dev.orch.compiler.plan.ToolNames;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.stdlib.provider.tool.ToolSpec;
import dev.orch.stdlib.value.Value;
import java.util.Map;

/**
 * A `tool` declaration offered to a model (`tools: [run_tests]`): its description and parameters from the
 * declaration, its JSON schema from the parameters' types (each with its description), run as the workflow it is.
 */
final class DeclaredTool implements AgentTool {
    /** Runs a tool's body with the arguments the model gave, checked against the parameters' types. */
    @FunctionalInterface
    interface Body {
        Value run(WorkflowPlan tool, Map<String, Value> args, ToolUse use) throws InterruptedException;
    }

    private final WorkflowPlan tool;
    private final Body body;
    private final ToolSpec spec;

    DeclaredTool(WorkflowPlan tool, Body body) {
        this.tool = tool;
        this.body = body;
        this.spec = new ToolSpec(ToolNames.wire(tool.name()), tool.tool().description(), schema(tool.tool()));
    }

    static ObjectNode schema(WorkflowPlan.Tool tool) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        var required = schema.putArray("required");
        for (WorkflowPlan.ToolParam p : tool.params()) {
            ObjectNode property = JsonSchema.of(p.type());
            if (p.description() != null) property.put("description", p.description());
            properties.set(p.name(), property);
            if (p.required()) required.add(p.name());
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    @Override
    public String name() {
        return tool.name();
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public Value run(Map<String, Value> args, ToolUse use) throws InterruptedException {
        return body.run(tool, args, use);
    }
}

package dev.orch.compiler.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.lang.DataType;
import java.util.List;
import java.util.Map;

/**
 * One workflow: its parameters, the ids of its top-level statements in order ({@code body}), and every node of the
 * workflow in one flat list in source order. Blocks refer to their children by id. A `tool` declaration is a
 * workflow with {@code tool} set: what a model is told about it.
 */
public record WorkflowPlan(
        String name,
        List<Param> params,
        @JsonInclude(JsonInclude.Include.NON_NULL) String returns,
        List<String> body,
        List<Node> nodes,
        Map<String, Callee> callees,
        Estimate estimate,
        List<String> criticalPath,
        Span span,
        @JsonInclude(JsonInclude.Include.NON_NULL) Tool tool) {

    public record Param(String name, String type, Expr defaultValue) {}

    /** A tool's description and its parameters with their resolved types, from which its JSON schema is made. */
    public record Tool(String description, List<ToolParam> params, @JsonInclude(JsonInclude.Include.NON_NULL) DataType returns) {}

    /** A tool's parameter as the model sees it; one with a default value is not required. */
    public record ToolParam(String name, @JsonInclude(JsonInclude.Include.NON_NULL) String description, DataType type,
                            boolean required) {}

    /** What the call starting at {@code call}'s place resolved to; null where the plan does not say. */
    public Callee callee(Plan plan, Expr.Call call) {
        return callees == null ? Callee.byName(plan, call.callee()) : callees.get(call.span().position());
    }

    @JsonIgnore
    public Node node(String id) {
        for (Node n : nodes) if (n.id().equals(id)) return n;
        throw new IllegalArgumentException("no node " + id + " in workflow " + name);
    }
}

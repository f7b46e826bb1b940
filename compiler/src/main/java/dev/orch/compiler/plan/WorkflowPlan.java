package dev.orch.compiler.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Span;
import java.util.List;

/**
 * One workflow: its parameters, the ids of its top-level statements in order ({@code body}), and every node of the
 * workflow in one flat list in source order. Blocks refer to their children by id.
 */
public record WorkflowPlan(
        String name,
        List<Param> params,
        List<String> body,
        List<Node> nodes,
        Estimate estimate,
        List<String> criticalPath,
        Span span) {

    public record Param(String name, String type, Expr defaultValue) {}

    @JsonIgnore
    public Node node(String id) {
        for (Node n : nodes) if (n.id().equals(id)) return n;
        throw new IllegalArgumentException("no node " + id + " in workflow " + name);
    }
}

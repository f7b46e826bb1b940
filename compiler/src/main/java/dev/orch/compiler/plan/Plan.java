package dev.orch.compiler.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orch.compiler.lang.DataType;
import java.util.List;
import java.util.Map;

/**
 * What `orch compile` writes and `orch run` executes: the declarations with every `extends` and default resolved,
 * each workflow as a flat list of nodes, the estimate, and the declared types by name (resolved). Serialised by {@link PlanJson}; lossless by design.
 */
public record Plan(
        int version,
        Source source,
        List<ModelSpec> models,
        List<AgentSpec> agents,
        List<BreakerSpec> breakers,
        BudgetSpec budget,
        List<WorkflowPlan> workflows,
        Estimate estimate,
        List<String> criticalPath,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<McpSpec> mcpServers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, DataType> types) {

    public static final int VERSION = 1;

    public Plan {
        mcpServers = mcpServers == null ? List.of() : List.copyOf(mcpServers);
        types = types == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(types));
    }

    /** A plan without MCP servers. */
    public Plan(int version, Source source, List<ModelSpec> models, List<AgentSpec> agents, List<BreakerSpec> breakers,
                BudgetSpec budget, List<WorkflowPlan> workflows, Estimate estimate, List<String> criticalPath) {
        this(version, source, models, agents, breakers, budget, workflows, estimate, criticalPath, List.of(), Map.of());
    }

    public McpSpec mcpServer(String name) {
        for (McpSpec m : mcpServers) if (m.name().equals(name)) return m;
        return null;
    }

    /** The script the plan was made from; {@code sha256} lets `orch run PLAN.json` refuse a stale plan. */
    public record Source(String path, String sha256) {}

    public WorkflowPlan workflow(String name) {
        for (WorkflowPlan w : workflows) if (w.name().equals(name)) return w;
        return null;
    }

    public ModelSpec model(String name) {
        for (ModelSpec m : models) if (m.name().equals(name)) return m;
        return null;
    }

    public AgentSpec agent(String name) {
        for (AgentSpec a : agents) if (a.name().equals(name)) return a;
        return null;
    }

    public BreakerSpec breaker(String name) {
        for (BreakerSpec b : breakers) if (b.name().equals(name)) return b;
        return null;
    }
}

package dev.orch.interpreter;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.lang.BuiltinTools;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.AgentSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.ToolNames;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.stdlib.builtins.Grants;
import dev.orch.stdlib.builtins.ScriptFolder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools behind the names in an agent's `tools: [...]`: builtins usable as tools, `tool` declarations, and the tools of the run's MCP
 * servers (a server's name gives all of them, `server.tool` one). Each tool's name on the wire
 * is its script name with `.` written as `__` (providers accept only `^[a-zA-Z0-9_-]{1,64}$`).
 */
final class ToolBox {
    private final Engine engine;
    private final ScriptFolder folder;
    private final Grants grants;
    private final McpServers mcp;
    private final Plan plan;
    private final DeclaredTool.Body declared;

    ToolBox(Engine engine, ScriptFolder folder, Grants grants, McpServers mcp, Plan plan, DeclaredTool.Body declared) {
        this.engine = engine;
        this.folder = folder;
        this.grants = grants;
        this.mcp = mcp;
        this.plan = plan;
        this.declared = declared;
    }

    // An agent's tools are the same on every call once the run's servers have started: resolved once per agent, and
    // found by its name (an AgentSpec record's own hashCode walks all its keys, spans and types on every call).
    private final Map<String, List<AgentTool>> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Resolves every agent's tools when the run starts, after its MCP servers answered: two tools that go to the model
     * under one name fail the run then, at the item of the tool list, before any model is called.
     */
    void start(Plan plan) {
        for (AgentSpec agent : plan.agents()) {
            if (!agent.tools().isEmpty()) of(agent, new CallSite(agent.name(), null, 1, agent.span(), null));
        }
    }

    List<AgentTool> of(AgentSpec agent, CallSite at) {
        if (agent.tools().isEmpty()) return List.of();
        List<AgentTool> done = resolved.get(agent.name());
        if (done != null) return done;
        List<AgentTool> tools = List.copyOf(resolve(agent, at));
        resolved.put(agent.name(), tools);
        return tools;
    }

    private List<AgentTool> resolve(AgentSpec agent, CallSite at) {
        List<AgentTool> tools = new ArrayList<>();
        Map<String, String> wire = new HashMap<>();
        for (int i = 0; i < agent.tools().size(); i++) {
            for (AgentTool tool : resolve(agent.tools().get(i), agent, at)) add(tools, wire, tool, agent, at, agent.toolSpan(i));
        }
        return tools;
    }

    private static void add(List<AgentTool> tools, Map<String, String> wire, AgentTool tool, AgentSpec agent, CallSite at, Span item) {
        String name = tool.name();
        String clash = wire.putIfAbsent(tool.spec().name(), name);
        if (clash != null) {
            throw RunError.of(ErrorKind.FAIL, "the tools '" + clash + "' and '" + name + "' of agent '" + agent.name()
                    + "' go to the model under the same name '" + tool.spec().name() + "' (names on the wire are made of letters,"
                    + " digits, _ and -; `.` becomes `__`)", at.task(), item, at.attempt());
        }
        tools.add(tool);
    }

    private List<AgentTool> resolve(String name, AgentSpec agent, CallSite at) {
        BuiltinTools.Entry builtin = BuiltinTools.find(name);
        if (builtin != null) return List.of(new BuiltinTool(builtin, engine, folder, grants));
        WorkflowPlan declaration = plan.workflow(name);
        if (declaration != null && declaration.tool() != null) return List.of(new DeclaredTool(declaration, declared));
        McpServers.Server server = mcp.server(McpServers.serverOf(name));
        if (server != null) {
            int dot = name.indexOf('.');
            if (dot < 0) {
                return server.tools().values().stream().<AgentTool>map(t -> new McpTool(name + "." + t.name(), server, t, engine)).toList();
            }
            var tool = server.tools().get(name.substring(dot + 1));
            if (tool != null) return List.of(new McpTool(name, server, tool, engine));
        }
        throw RunError.of(ErrorKind.FAIL, "agent '" + agent.name() + "' names the tool '" + name + "', which this run does not have",
                at.task(), at.span(), at.attempt());
    }

    static String wireName(String name) {
        return ToolNames.wire(name);
    }
}

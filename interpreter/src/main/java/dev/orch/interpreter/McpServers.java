package dev.orch.interpreter;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.check.Suggest;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.AgentSpec;
import dev.orch.compiler.plan.McpSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.stdlib.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's MCP servers: when the run starts, every server an agent names is asked for its tools through the
 * engine (which starts or reaches it: {@link Engine#mcpTools}), all at once, and each `server.tool` in a tool list
 * is checked against that list, failing the run at the item's span with a did-you-mean. A server that runs a
 * program needs the run's `--allow shell`.
 */
final class McpServers {
    /** A server that answered: its declaration and its tools by name, in the order it listed them. */
    record Server(McpSpec spec, Map<String, ServerTool> tools) {}

    private final Engine engine;
    private final Set<String> allowed;
    private final Map<String, Server> started = new ConcurrentHashMap<>();

    McpServers(Engine engine, Set<String> allowed) {
        this.engine = engine;
        this.allowed = allowed;
    }

    /** Lists the tools of the servers the plan's agents name and checks their tool names; throws a located {@link RunError}. */
    void start(Plan plan) {
        Map<String, Span> wanted = new LinkedHashMap<>();
        for (AgentSpec a : plan.agents()) {
            for (int i = 0; i < a.tools().size(); i++) {
                String server = serverOf(a.tools().get(i));
                if (plan.mcpServer(server) != null) wanted.putIfAbsent(server, a.toolSpan(i));
            }
        }
        if (wanted.isEmpty()) return;
        List<McpSpec> specs = wanted.keySet().stream().map(plan::mcpServer).toList();
        for (McpSpec spec : specs) {
            if (spec.stdio() && !allowed.contains("shell")) {
                throw RunError.of(ErrorKind.FAIL, "the mcp server " + spec.name() + " runs a program, which needs `--allow shell`",
                        "mcp", spec.span(), 1);
            }
        }
        TaskGroup.run(engine, specs.size(), i -> {
            McpSpec spec = specs.get(i);
            started.put(spec.name(), new Server(spec, listed(spec)));
            return Value.NULL;
        }, 0, TaskGroup.Mode.FAIL_FAST, new TaskGroup.Errors() {
            @Override
            public RunError cancelled() {
                return RunError.cancelled("mcp", Span.NONE);
            }

            @Override
            public RunError all(List<RunError> errors) {
                return errors.get(0);
            }
        });
        for (AgentSpec a : plan.agents()) checkNames(a);
    }

    private Map<String, ServerTool> listed(McpSpec spec) {
        try {
            Map<String, ServerTool> tools = new LinkedHashMap<>();
            for (ServerTool t : engine.mcpTools(spec)) tools.put(t.name(), t);
            return tools;
        } catch (McpFailure e) {
            throw RunError.of(e.kind(), e.getMessage(), "mcp", spec.span(), 1);
        } catch (InterruptedException e) {
            throw RunError.cancelled("mcp", spec.span());
        }
    }

    Server server(String name) {
        return started.get(name);
    }

    private void checkNames(AgentSpec a) {
        for (int i = 0; i < a.tools().size(); i++) {
            String name = a.tools().get(i);
            int dot = name.indexOf('.');
            if (dot < 0) continue;
            Server s = started.get(name.substring(0, dot));
            if (s == null) continue;
            String tool = name.substring(dot + 1);
            if (s.tools().containsKey(tool)) continue;
            List<String> known = List.copyOf(s.tools().keySet());
            String closest = Suggest.closest(tool, known);
            throw RunError.of(ErrorKind.FAIL, "the mcp server " + s.spec().name() + " has no tool '" + tool + "'"
                    + (closest != null ? "; did you mean '" + s.spec().name() + "." + closest + "'?"
                    : "; its tools are " + String.join(", ", known)), a.name(), a.toolSpan(i), 1);
        }
    }

    static String serverOf(String toolName) {
        int dot = toolName.indexOf('.');
        return dot < 0 ? toolName : toolName.substring(0, dot);
    }
}

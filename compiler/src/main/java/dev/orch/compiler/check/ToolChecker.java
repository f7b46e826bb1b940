package dev.orch.compiler.check;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.BuiltinTools;
import dev.orch.compiler.lang.Capability;
import dev.orch.compiler.plan.ToolNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An agent's `tools: [...]`: each item names a tool (a builtin usable as one, a `tool` declaration (a warning when it
 * calls the agent back, which nests conversations), a declared MCP server for all its tools,
 * or `server.tool` for one of them: which tools a server has is known only when it runs, so those names are checked
 * at run start), no name twice, and the capabilities
 * the tools need are granted (`sh` needs `--allow shell`, `http` needs `--allow net`; a warning at `orch check`, an
 * error at `orch run`, as for a direct call). `max_turns` without tools does nothing, which a warning says.
 */
final class ToolChecker {
    private final Declarations declarations;
    private final Usage usage;
    private final CompileOptions options;
    private final Diagnostics diagnostics;

    ToolChecker(Declarations declarations, Usage usage, CompileOptions options, Diagnostics diagnostics) {
        this.declarations = declarations;
        this.usage = usage;
        this.options = options;
        this.diagnostics = diagnostics;
    }

    void check() {
        for (Declarations.Global g : declarations.all()) {
            if (g.decl() instanceof Decl.Agent a) agent(a);
        }
    }

    private void agent(Decl.Agent a) {
        Entry tools = entry(a, "tools");
        Entry maxTurns = entry(a, "max_turns");
        if (tools == null) {
            if (maxTurns != null && a.parent() == null) {
                diagnostics.warning(maxTurns.keySpan(), "max_turns does nothing for an agent without tools",
                        "give the agent tools: [read, write], or remove max_turns");
            }
            return;
        }
        if (!(tools.value() instanceof Expr.ListOf list)) {
            diagnostics.error(tools.value().span(), "'tools' expects a list of tool names such as [read, write]",
                    "write the names bare, in brackets: tools: [read, write]");
            return;
        }
        Set<String> seen = new HashSet<>();
        Map<String, String> wire = new HashMap<>();
        for (Expr item : list.items()) {
            String name = ToolNames.name(item);
            if (name == null) {
                diagnostics.error(item.span(), "a tool is named bare, not written as a value",
                        item instanceof Expr.Text t ? "write it without quotes: " + t.value() : "write a tool's name, such as read or run_tests");
                continue;
            }
            if (!seen.add(name)) {
                diagnostics.error(item.span(), "'" + name + "' is in the tool list twice", "keep one of them");
                continue;
            }
            tool(item, name, a);
            // A whole server's tools are known only when it runs; the run checks those names when it starts.
            String clash = declarations.find(name, Declarations.Kind.MCP) != null ? null : wire.putIfAbsent(ToolNames.wire(name), name);
            if (clash != null) {
                diagnostics.error(item.span(), "'" + clash + "' and '" + name + "' go to the model under the same name '"
                                + ToolNames.wire(name) + "'", "names on the wire are letters, digits, _ and -, with . written as __;"
                                + " rename one of them");
            }
        }
    }

    private void tool(Expr item, String name, Decl.Agent agent) {
        int dot = name.indexOf('.');
        if (dot >= 0) {
            server(item, name.substring(0, dot));
            return;
        }
        if (declarations.find(name, Declarations.Kind.MCP) != null) {
            usage.use(name);
            return;
        }
        Declarations.Global declared = declarations.find(name, Declarations.Kind.WORKFLOW);
        if (declared != null) {
            usage.use(name);
            Decl.Workflow w = (Decl.Workflow) declared.decl();
            if (!w.isTool()) {
                diagnostics.error(item.span(), "'" + name + "' is a workflow, which a model cannot call",
                        "declare it as a tool, with what it does: tool " + name + "(...) \"Runs the tests\" { ... }");
            } else if (reaches(w, agent.name(), new HashSet<>())) {
                diagnostics.warning(item.span(), "tool '" + name + "' calls agent '" + agent.name() + "', which has it as a tool: "
                                + "each call of the tool starts another conversation of " + agent.name() + ", which may call it again",
                        "give the tool to another agent, or let the tool do its work without " + agent.name());
            }
            return;
        }
        BuiltinTools.Entry builtin = BuiltinTools.find(name);
        if (builtin != null) {
            Capability needs = builtin.builtin().capability;
            if (needs.alwaysNeeded && !options.allows(needs.flag)) {
                String message = "the tool " + name + " needs `--allow " + needs.flag + "`";
                String hint = options.forRun() ? options.grantHint(needs.flag)
                        : "`orch run` refuses this script without --allow " + needs.flag;
                diagnostics.add(options.forRun() ? Diagnostic.error(item.span(), message, hint) : Diagnostic.warning(item.span(), message, hint));
            }
            return;
        }
        List<String> known = new ArrayList<>(BuiltinTools.names());
        known.addAll(declarations.workflows().stream().filter(Decl.Workflow::isTool).map(Decl.Workflow::name).toList());
        known.addAll(declarations.names(Declarations.Kind.MCP));
        if (Builtin.find(name) != null) {
            diagnostics.error(item.span(), "the builtin " + name + " cannot be a tool",
                    "the builtins a model may call are " + Suggest.allOf(BuiltinTools.names()));
            return;
        }
        useClosest(name, declarations.names(Declarations.Kind.MCP));
        diagnostics.error(item.span(), "unknown tool '" + name + "'",
                Suggest.didYouMean(name, known, "the tools are " + Suggest.allOf(known) + ", and the script's tool and mcp declarations"));
    }

    private void server(Expr item, String server) {
        if (declarations.find(server, Declarations.Kind.MCP) != null) {
            usage.use(server);
            return;
        }
        List<String> servers = declarations.names(Declarations.Kind.MCP);
        useClosest(server, servers);
        Declarations.Global other = declarations.find(server);
        diagnostics.error(item instanceof Expr.Field f ? f.target().span() : item.span(), "unknown MCP server '" + server + "'",
                other != null ? "'" + server + "' is " + other.article() + "; server.tool names a tool of an mcp declaration"
                        : Suggest.didYouMean(server, servers, servers.isEmpty()
                        ? "declare it: mcp " + server + " { command: \"npx\", args: [\"-y\", \"@modelcontextprotocol/server-filesystem\", \".\"] }"
                        : "the MCP servers are " + Suggest.allOf(servers)));
    }

    /** Whether the workflow's body calls {@code agent}, itself or through the workflows it calls. */
    private boolean reaches(Decl.Workflow w, String agent, Set<String> visited) {
        if (!visited.add(w.name())) return false;
        boolean[] found = {false};
        AstWalk.calls(w.body(), call -> {
            if (found[0]) return;
            if (call.callee().equals(agent)) {
                found[0] = true;
            } else if (declarations.find(call.callee(), Declarations.Kind.WORKFLOW) instanceof Declarations.Global g
                    && reaches((Decl.Workflow) g.decl(), agent, visited)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** A misspelt server counts as a use of the one it was meant to be: one error, not also "never used". */
    private void useClosest(String name, List<String> servers) {
        String closest = Suggest.closest(name, servers);
        if (closest != null) usage.use(closest);
    }

    private static Entry entry(Decl.Agent a, String key) {
        for (Entry e : a.entries()) if (e.key().equals(key)) return e;
        return null;
    }
}

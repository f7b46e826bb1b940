package dev.orch.interpreter;

import dev.orch.compiler.lang.BuiltinTools;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.AgentSpec;
import dev.orch.stdlib.builtins.Grants;
import dev.orch.stdlib.builtins.ScriptFolder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools behind the names in an agent's `tools: [...]`: builtins usable as tools. Each tool's name on the wire
 * is its script name with `.` written as `__` (providers accept only `^[a-zA-Z0-9_-]{1,64}$`).
 */
final class ToolBox {
    private final ScriptFolder folder;
    private final Grants grants;

    ToolBox(ScriptFolder folder, Grants grants) {
        this.folder = folder;
        this.grants = grants;
    }

    List<AgentTool> of(AgentSpec agent, CallSite at) {
        List<AgentTool> tools = new ArrayList<>();
        Map<String, String> wire = new HashMap<>();
        for (String name : agent.tools()) {
            AgentTool tool = resolve(name, agent, at);
            String clash = wire.putIfAbsent(tool.spec().name(), name);
            if (clash != null) {
                throw RunError.of(ErrorKind.FAIL, "the tools '" + clash + "' and '" + name + "' of agent '" + agent.name()
                        + "' go to the model under the same name '" + tool.spec().name() + "'", at.task(), at.span(), at.attempt());
            }
            tools.add(tool);
        }
        return tools;
    }

    private AgentTool resolve(String name, AgentSpec agent, CallSite at) {
        BuiltinTools.Entry builtin = BuiltinTools.find(name);
        if (builtin != null) return new BuiltinTool(builtin, folder, grants);
        throw RunError.of(ErrorKind.FAIL, "agent '" + agent.name() + "' names the tool '" + name + "', which this run does not have",
                at.task(), at.span(), at.attempt());
    }

    /** A script name as providers accept it: `files.read_text_file` goes out as `files__read_text_file`. */
    static String wireName(String name) {
        return name.replace(".", "__");
    }
}

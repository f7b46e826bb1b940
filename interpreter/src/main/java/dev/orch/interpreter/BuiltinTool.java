package dev.orch.interpreter;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.BuiltinTools;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.lang.JsonSchema;
import dev.orch.stdlib.builtins.BuiltinException;
import dev.orch.stdlib.builtins.BuiltinFunction;
import dev.orch.stdlib.builtins.Builtins;
import dev.orch.stdlib.builtins.Grants;
import dev.orch.stdlib.builtins.ScriptFolder;
import dev.orch.stdlib.provider.tool.ToolSpec;
import dev.orch.stdlib.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A builtin offered to a model (`tools: [read, write]`): its parameters from {@link BuiltinTools}, run like a call in
 * the script (through the engine), under the same folder and `--allow` grants. The builtin's positional parameters come from the
 * arguments of the same names, in order; the rest are its options.
 */
record BuiltinTool(BuiltinTools.Entry entry, Engine engine, ScriptFolder folder, Grants grants) implements AgentTool {
    @Override
    public String name() {
        return entry.name();
    }

    // A builtin's schema never changes: built once, not on every turn of every call.
    private static final Map<BuiltinTools.Entry, ToolSpec> SPECS = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public ToolSpec spec() {
        return SPECS.computeIfAbsent(entry, BuiltinTool::schemaOf);
    }

    private static ToolSpec schemaOf(BuiltinTools.Entry entry) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        var required = schema.putArray("required");
        for (BuiltinTools.Param p : entry.params()) {
            properties.set(p.name(), JsonSchema.of(p.type()).put("description", p.description()));
            if (p.required()) required.add(p.name());
        }
        schema.put("additionalProperties", false);
        return new ToolSpec(entry.name(), entry.description(), schema);
    }

    @Override
    public Value run(Map<String, Value> args, ToolUse use) throws InterruptedException {
        List<Value> positional = new ArrayList<>();
        Map<String, Value> options = new LinkedHashMap<>();
        int positionalCount = entry.builtin().params.size();
        for (int i = 0; i < entry.params().size(); i++) {
            BuiltinTools.Param p = entry.params().get(i);
            Value v = args.get(p.name());
            if (v == null || v instanceof Value.Null) {
                if (p.required()) throw RunError.of(ErrorKind.FAIL, name() + " needs the argument '" + p.name() + "'", null, null, 1);
                continue;
            }
            if (i < positionalCount) positional.add(v);
            else options.put(p.name(), v);
        }
        for (String given : args.keySet()) {
            if (entry.params().stream().noneMatch(p -> p.name().equals(given))) {
                throw RunError.of(ErrorKind.FAIL, name() + " has no argument '" + given + "'; it takes "
                        + String.join(", ", entry.params().stream().map(BuiltinTools.Param::name).toList()), null, null, 1);
            }
        }
        if (entry.builtin() == Builtin.SH && !(positional.get(0) instanceof Value.ListOf)) {
            // Decision 5: a model's text never reaches `sh -c`.
            throw RunError.of(ErrorKind.FAIL, "sh takes command as a list, the program and its arguments: [\"ls\", \"-l\"]", null, null, 1);
        }
        try {
            return engine.act(Builtins.get(name()), new BuiltinFunction.Args(name(), positional, options, folder, grants));
        } catch (BuiltinException e) {
            throw RunError.of(e.kind(), e.getMessage(), null, null, 1);
        }
    }
}

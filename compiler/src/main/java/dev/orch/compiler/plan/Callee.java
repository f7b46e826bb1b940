package dev.orch.compiler.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a call in the script resolved to, fixed when the script was compiled: an agent (with the model it uses and
 * its `output:` type), a workflow or tool (with its `-> T`), or a builtin (with its result type). The interpreter
 * switches on this instead of looking a name up again; the plan text and JSON show it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Callee.Agent.class, name = "agent"),
    @JsonSubTypes.Type(value = Callee.Workflow.class, name = "workflow"),
    @JsonSubTypes.Type(value = Callee.Builtin.class, name = "builtin"),
})
public sealed interface Callee {
    String name();

    /**
     * For a plan written before callees were recorded (a run recorded by an older orch, resumed with `--recorded`):
     * the name resolved as that orch did, an agent first, then a workflow, then a builtin; null if none.
     */
    static Callee byName(Plan plan, String name) {
        AgentSpec agent = plan.agent(name);
        if (agent != null) return new Agent(name, agent.model(), agent.output() == null ? null : agent.output().show());
        WorkflowPlan workflow = plan.workflow(name);
        if (workflow != null) return new Workflow(name, workflow.returns());
        dev.orch.compiler.lang.Builtin builtin = dev.orch.compiler.lang.Builtin.find(name);
        return builtin == null ? null : new Builtin(builtin.callName, builtin.result.keyword());
    }

    /** {@code output} is the agent's `output:` type as written, or null for a text reply. */
    record Agent(String name, String model, @JsonInclude(JsonInclude.Include.NON_NULL) String output) implements Callee {}

    /** {@code returns} is the workflow's `-> T` as written, or null where it declares none. */
    record Workflow(String name, @JsonInclude(JsonInclude.Include.NON_NULL) String returns) implements Callee {}

    /** {@code returns} is the builtin's result type, from the one table of builtins. */
    record Builtin(String name, String returns) implements Callee {
        @JsonIgnore
        public dev.orch.compiler.lang.Builtin builtin() {
            return dev.orch.compiler.lang.Builtin.find(name);
        }
    }
}

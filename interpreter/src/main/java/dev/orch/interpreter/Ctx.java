package dev.orch.interpreter;

import dev.orch.compiler.plan.WorkflowPlan;

/**
 * Where a statement runs: its workflow, its scope, the task-id prefix of the workflow call (`main/`,
 * `main/3:5>review/`), the indexes of the enclosing iterations (`[2]`), the attempt of the enclosing `retry`, and
 * the enclosing phase (for progress).
 */
record Ctx(WorkflowPlan workflow, Scope scope, String prefix, String indexes, int attempt, String phase) {
    String task(String nodeId) {
        return prefix + nodeId + indexes;
    }

    Ctx in(Scope s) {
        return new Ctx(workflow, s, prefix, indexes, attempt, phase);
    }

    Ctx iteration(Scope s, int index) {
        return new Ctx(workflow, s, prefix, indexes + "[" + index + "]", attempt, phase);
    }

    Ctx attempt(Scope s, int n) {
        return new Ctx(workflow, s, prefix, indexes, n, phase);
    }

    Ctx phase(String name) {
        return new Ctx(workflow, scope, prefix, indexes, attempt, name);
    }
}

package dev.orch.interpreter;

import dev.orch.compiler.plan.WorkflowPlan;

/**
 * Where a statement runs: its workflow, its scope, the task-id prefix of the workflow call (`main/`,
 * `main/3:5>review/`) and its structural counterpart ({@code where}: `main/`, `main/1#0>review/`; see
 * {@link Places}), the indexes of the enclosing iterations (`[2]`), the attempt of the enclosing `retry`, the
 * enclosing phase (for progress) and the task's label: what the script names it (the names it assigns, the loop
 * items it runs for), or null.
 */
record Ctx(WorkflowPlan workflow, Scope scope, String prefix, String where, String indexes, int attempt, String phase,
           String label) {
    String task(String nodeId) {
        return prefix + nodeId + indexes;
    }

    /** A call's journal place: {@code placeInWorkflow} from {@link Places}, with this context's path and indexes. */
    String place(String placeInWorkflow) {
        return placeInWorkflow == null ? null : where + placeInWorkflow + indexes;
    }

    Ctx in(Scope s) {
        return new Ctx(workflow, s, prefix, where, indexes, attempt, phase, label);
    }

    Ctx iteration(Scope s, int index) {
        return new Ctx(workflow, s, prefix, where, indexes + "[" + index + "]", attempt, phase, label);
    }

    /** An iteration the script names ({@code reports[3] aspect=security}): its calls carry that label. */
    Ctx iteration(Scope s, int index, String name) {
        return new Ctx(workflow, s, prefix, where, indexes + "[" + index + "]", attempt, phase, join(label, name));
    }

    /** The statement assigns {@code target}: the calls in it are labelled with that name. */
    Ctx named(String target) {
        return target == null ? this : new Ctx(workflow, scope, prefix, where, indexes, attempt, phase, join(label, target));
    }

    private static String join(String outer, String inner) {
        return outer == null ? inner : outer + " " + inner;
    }

    Ctx attempt(Scope s, int n) {
        return new Ctx(workflow, s, prefix, where, indexes, n, phase, label);
    }

    Ctx phase(String name) {
        return new Ctx(workflow, scope, prefix, where, indexes, attempt, name, label);
    }
}

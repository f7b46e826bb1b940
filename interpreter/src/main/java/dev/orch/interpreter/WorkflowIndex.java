package dev.orch.interpreter;

import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.WorkflowPlan;
import java.util.HashMap;
import java.util.Map;

/**
 * What the interpreter looks up in a workflow while it runs: its nodes by id, the places of its calls
 * ({@link Places}) and each dag's order ({@link DagOrder}). Built once per workflow plan and kept while the plan
 * lives, so a plan run many times (a test suite, a benchmark, a worker) pays for it once: for a 10,000-statement
 * dag it was 10 to 100 ms on a loaded machine, before the dag's first statement could start.
 */
final class WorkflowIndex {
    private static final IdentityWeakCache<WorkflowPlan, WorkflowIndex> BUILT = new IdentityWeakCache<>();

    private final String workflow;
    private final Map<String, Node> nodes;
    private final Map<String, DagOrder> dags = new HashMap<>();
    private final Places places;

    private WorkflowIndex(WorkflowPlan w) {
        this.workflow = w.name();
        this.nodes = new HashMap<>(w.nodes().size() * 2);
        for (Node n : w.nodes()) {
            nodes.put(n.id(), n);
            if (n instanceof Node.Dag d) dags.put(d.id(), DagOrder.of(d));
        }
        this.places = Places.of(w);
    }

    static WorkflowIndex of(WorkflowPlan w) {
        return BUILT.get(w, WorkflowIndex::new);
    }

    Node node(String id) {
        Node n = nodes.get(id);
        if (n == null) throw new IllegalStateException("the plan has no node " + id + " in workflow " + workflow);
        return n;
    }

    DagOrder dag(Node.Dag dag) {
        return dags.get(dag.id());
    }

    Places places() {
        return places;
    }
}

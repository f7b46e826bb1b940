package dev.orch.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Large dags plan correctly and without deep recursion; bench/run compile measures their speed (BENCHMARKS.md). */
class LargeDagTest {
    private static Plan plan(String script) {
        Compilation c = Compiler.compile(new SourceFile("large.orch", script), CompileOptions.CHECK);
        assertThat(c.hasErrors()).isFalse();
        return c.plan();
    }

    @Test
    void aChainOfTenThousandStatementsHasTenThousandWaves() {
        Plan plan = plan(GeneratedDag.chain(10_000));
        Node.Dag dag = (Node.Dag) plan.workflow("main").nodes().get(0);
        assertThat(dag.waves()).hasSize(10_000);
        assertThat(dag.waves().get(0)).containsExactly("s0");
        assertThat(dag.waves().get(9_999)).containsExactly("s9999");
        assertThat(plan.criticalPath()).hasSize(10_000);
        assertThat(plan.estimate().callsMax()).isEqualTo(10_000);
    }

    @Test
    void everyStatementOfALargeDagIsInExactlyOneWaveAfterEveryInput() {
        Plan plan = plan(GeneratedDag.script(10_000, 7));
        Node.Dag dag = (Node.Dag) plan.workflow("main").nodes().get(0);
        Set<String> seen = new HashSet<>();
        java.util.Map<String, Integer> waveOf = new java.util.HashMap<>();
        for (int w = 0; w < dag.waves().size(); w++) {
            for (String name : dag.waves().get(w)) {
                assertThat(seen.add(name)).as("%s appears once", name).isTrue();
                waveOf.put(name, w);
            }
        }
        assertThat(seen).hasSize(10_000);
        WorkflowPlan main = plan.workflow("main");
        for (String id : dag.body()) {
            Node.Call call = (Node.Call) main.node(id);
            List<String> inputs = dag.inputs().get(id);
            for (String in : inputs) {
                String input = ((Node.Call) main.node(in)).target();
                assertThat(waveOf.get(input)).isLessThan(waveOf.get(call.target()));
            }
        }
    }
}

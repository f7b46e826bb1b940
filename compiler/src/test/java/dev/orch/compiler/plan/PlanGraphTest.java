package dev.orch.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.plan.render.PlanFormat;
import org.junit.jupiter.api.Test;

class PlanGraphTest {
    private static final String SCRIPT = """
            workflow end(x: text) {
              return writer("Say \\"{x}\\"")
            }
            workflow main() {
              parallel {
                a = writer("A")
                b = thinker("B")
              }
              both = end(a + b)
            }
            """;

    @Test
    void mermaidGroupsBlocksAndDrawsDataDependencies() {
        String mermaid = PlanFormat.MERMAID.render(Scripts.plan(SCRIPT));
        assertThat(mermaid).startsWith("flowchart TD\n")
                .contains("subgraph workflow_end[\"workflow end\"]")
                .contains("subgraph n_main_9_3[\"9:3 parallel\"]")
                .contains("n_main_10_5[\"10:5 a = writer(#quot;A#quot;) on fast\"]")
                .contains("n_end_6_3[\"6:3 return writer(#quot;Say \\#quot;{x}\\#quot;#quot;)\"]")
                .contains("n_main_10_5 --> n_main_13_3")
                .contains("n_main_11_5 --> n_main_13_3");
    }

    @Test
    void aCallsBoxShowsTheStartOfItsPromptCutAtAWord() {
        String dot = PlanFormat.DOT.render(Scripts.plan("""
                workflow main() {
                  notes = writer("Write the release notes for the login feature, covering the new flows and the migration")
                }
                """));
        assertThat(dot).contains("label=\"6:3 notes = writer(\\\"Write the release notes for the login feature, covering the\u2026\\\") on fast\"");
    }

    @Test
    void dotUsesClustersWithAHeaderNodeAndDrawsDataDependencies() {
        String dot = PlanFormat.DOT.render(Scripts.plan(SCRIPT));
        assertThat(dot).startsWith("digraph plan {\n")
                .contains("subgraph \"cluster_n_main_9_3\" {")
                .contains("\"n_main_9_3\" [shape=plaintext, label=\"9:3 parallel\"];")
                .contains("\"n_main_10_5\" -> \"n_main_13_3\";")
                .contains("label=\"6:3 return writer(\\\"Say \\\\\\\"{x}\\\\\\\"\\\")\"")
                .endsWith("}\n");
    }
}

package dev.orch.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyTest {
    @Test
    void aDagOfFourStatementsRunsInThreeWaves() throws Exception {
        Plan plan = Scripts.plan("""
                workflow main() {
                  dag {
                    d = writer("Join {b} and {c}")
                    b = writer("B from {a}")
                    a = writer("A")
                    c = writer("C from {a}")
                  }
                  print d
                }
                """);
        JsonNode json = PlanJson.mapper().readTree(PlanJson.write(plan));
        JsonNode dag = json.at("/workflows/0/nodes/0");
        assertThat(dag.get("kind").asText()).isEqualTo("dag");
        assertThat(PlanJson.mapper().convertValue(dag.get("waves"), List.class))
                .isEqualTo(List.of(List.of("a"), List.of("b", "c"), List.of("d")));
        Node.Dag node = (Node.Dag) plan.workflow("main").node("6:3");
        assertThat(node.inputs()).containsEntry("7:5", List.of("8:5", "10:5")).containsEntry("9:5", List.of());
    }

    @Test
    void aFileWrittenThenReadIsADependencyLikeAName() {
        Plan plan = Scripts.plan("""
                workflow main() {
                  notes = writer("Take notes")
                  write("ctx/notes.md", notes)
                  print "between"
                  summary = writer("Summarise {read("./ctx/notes.md")}")
                  print summary
                }
                """);
        WorkflowPlan main = plan.workflow("main");
        assertThat(main.node("7:3").deps()).containsExactly("6:3");
        assertThat(main.node("9:3").deps()).as("the summary reads the file the write at 7:3 wrote").containsExactly("7:3");
        assertThat(main.node("10:3").deps()).containsExactly("9:3");
    }

    @Test
    void aNameAssignedInEveryBranchDependsOnEachBranchesWriter() {
        Plan plan = Scripts.plan("""
                workflow main(mode: text = "fast") {
                  if mode == "fast" {
                    answer = writer("Quick answer")
                  } else {
                    answer = thinker("Careful answer")
                  }
                  print answer
                }
                """);
        WorkflowPlan main = plan.workflow("main");
        assertThat(main.node("11:3").deps()).containsExactly("7:5", "9:5");
        assertThat(main.node("6:3").deps()).as("the if reads nothing a statement wrote").isEmpty();
    }

    @Test
    void aBlockDependsOnWhatItsBodyReadsFromOutsideIt() {
        Plan plan = Scripts.plan("""
                workflow main() {
                  topic = writer("Pick a topic")
                  retry 3 {
                    draft = writer("Draft {topic}")
                    final = writer("Polish {draft}")
                  }
                  print final
                }
                """);
        WorkflowPlan main = plan.workflow("main");
        assertThat(main.node("7:3").deps()).containsExactly("6:3");
        assertThat(main.node("9:5").deps()).containsExactly("8:5");
        assertThat(main.node("11:3").deps()).containsExactly("9:5");
    }

    @Test
    void nodesAreListedInSourceOrderWithBlocksNamingTheirChildren() {
        Plan plan = Scripts.plan("""
                workflow main() {
                  parallel max 2 {
                    a = writer("A")
                    b = thinker("B")
                  }
                  print a + b
                }
                """);
        WorkflowPlan main = plan.workflow("main");
        assertThat(main.nodes()).extracting(Node::id).containsExactly("6:3", "7:5", "8:5", "10:3");
        assertThat(main.body()).containsExactly("6:3", "10:3");
        assertThat(((Node.Parallel) main.node("6:3")).body()).containsExactly("7:5", "8:5");
        Node.Call b = (Node.Call) main.node("8:5");
        assertThat(b.agent()).isEqualTo("thinker");
        assertThat(b.model()).isEqualTo("slow");
        assertThat(main.node("10:3").deps()).containsExactly("7:5", "8:5");
    }

    @Test
    void aScriptWithoutMainGetsNoPlan() {
        var c = Scripts.compile("""
                workflow helper() {
                  print "hi"
                }
                """);
        assertThat(c.hasErrors()).isFalse();
        assertThat(c.plan()).isNull();
    }

    @Test
    void anAgentInheritsEveryKeyItDoesNotSet() {
        Plan plan = Scripts.plan("""
                agent base { model: slow, system: "Be brief.", temperature: 0.2, max_tokens: 50, timeout: 30s }
                agent child extends base { system: "Be thorough.", max_tokens: 500 }
                workflow main() {
                  print child("hi")
                }
                """);
        AgentSpec child = plan.agent("child");
        assertThat(child.extendsAgent()).isEqualTo("base");
        assertThat(child.model()).isEqualTo("slow");
        assertThat(child.system()).isEqualTo("Be thorough.");
        assertThat(child.temperature()).isEqualTo(0.2);
        assertThat(child.maxTokens()).isEqualTo(500);
        assertThat(child.timeoutMs()).isEqualTo(30_000L);
    }
}

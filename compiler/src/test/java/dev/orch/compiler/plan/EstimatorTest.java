package dev.orch.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.plan.render.PlanText;
import org.junit.jupiter.api.Test;

class EstimatorTest {
    @Test
    void theAgentCallsInsideADeclaredToolCountOnceForEveryTurnButTheLast() {
        Plan plan = Scripts.plan("""
                agent fixer { model: fast, max_tokens: 100, tools: [second_opinion], max_turns: 4 }
                tool second_opinion(q: text "the question") -> text "Asks another model" {
                  return thinker(q)
                }
                workflow main() {
                  print fixer("fix it")
                }
                """);
        Estimate e = plan.estimate();
        assertThat(e.callsMin()).as("the model may answer at once").isEqualTo(1);
        assertThat(e.callsMax()).as("4 turns of fixer, and thinker in each of the 3 that may call the tool").isEqualTo(7);
        assertThat(PlanText.render(plan)).contains("assumed: a model calls each declared tool at most once a turn");
        assertThat(PlanText.render(Scripts.plan("workflow main() { print writer(\"x\") }\n"))).doesNotContain("declared tool");
    }

    @Test
    void retryCountsOneAttemptAtLeastAndEveryAttemptAtMost() {
        Estimate e = Scripts.plan("""
                workflow main() {
                  retry 4 backoff 1s {
                    a = writer("A")
                    b = writer("B")
                  }
                }
                """).estimate();
        assertThat(e.callsMin()).isEqualTo(2);
        assertThat(e.callsMax()).isEqualTo(8);
    }

    @Test
    void ifTakesItsCheapestBranchAtLeastAndItsDearestAtMost() {
        Estimate e = Scripts.plan("""
                workflow main(x: number = 1) {
                  if x > 1 {
                    a = writer("A")
                    b = writer("B")
                  } else if x > 0 {
                    c = writer("C")
                  }
                }
                """).estimate();
        assertThat(e.callsMin()).isZero();
        assertThat(e.callsMax()).isEqualTo(2);
    }

    @Test
    void loopsRunOnceAtLeastAndToTheirBoundAtMost() {
        Estimate e = Scripts.plan("""
                workflow main() {
                  var n = 0
                  loop until n > 3 {
                    n = n + len(writer("step"))
                  }
                  for x in ["a", "b", "c"] {
                    writer("Item {x}")
                  }
                }
                """).estimate();
        assertThat(e.callsMin()).isEqualTo(1 + 3);
        assertThat(e.callsMax()).isEqualTo(Estimator.LOOP_MAX + 3);
    }

    @Test
    void aForOverANameGivenAListLiteralKnowsItsLength() {
        Estimate e = Scripts.plan("""
                workflow main() {
                  aspects = ["security", "style", "tests"]
                  for a in aspects parallel {
                    writer("Review {a}")
                  }
                }
                """).estimate();
        assertThat(e.callsMin()).isEqualTo(3);
        assertThat(e.callsMax()).isEqualTo(3);
    }

    @Test
    void aListThatAVarOrAParameterMayReplaceIsUnknown() {
        Estimate e = Scripts.plan("""
                workflow main(aspects: list = ["a"]) {
                  var xs = ["x", "y"]
                  xs = xs + ["z"]
                  for a in xs { writer("Review {a}") }
                  for a in aspects { writer("Review {a}") }
                }
                """).estimate();
        assertThat(e.callsMin()).isZero();
        assertThat(e.callsMax()).isEqualTo(2L * Estimator.FOR_ITEMS);
    }

    @Test
    void aPlanThatRunsGeneratedCodeSaysItsCallsAreNotCounted() {
        String withRun = PlanText.render(Scripts.plan("""
                workflow main() {
                  code = writer("Write an Orch script")
                  run(code)
                }
                """));
        String without = PlanText.render(Scripts.plan("""
                workflow main() {
                  print writer("hello")
                }
                """));
        assertThat(withRun).contains("not counted: the calls of the code that run() compiles");
        assertThat(without).doesNotContain("not counted");
    }

    @Test
    void raceMayCallEveryBranchAndTryAddsItsFallbacksToTheWorstCase() {
        Estimate e = Scripts.plan("""
                workflow main() {
                  race {
                    a = writer("A")
                    a = thinker("A")
                  }
                  try {
                    b = writer("B")
                  } fallback {
                    b = thinker("B")
                  } fallback {
                    b = "none"
                  }
                  print a + b
                }
                """).estimate();
        assertThat(e.callsMin()).isEqualTo(2);
        assertThat(e.callsMax()).isEqualTo(4);
    }

    @Test
    void tokensAreThePromptPlusTheRepliesCeilingAndInterpolationCountsItsProducersCeiling() {
        Estimate e = Scripts.plan("""
                workflow main() {
                  a = writer("12345678")
                  b = writer("{a}")
                }
                """).estimate();
        // a: 8 characters = 2 tokens in, 100 out; b: a's 100 in, 100 out.
        assertThat(e.tokensMax()).isEqualTo(2 + 100 + 100 + 100);
    }

    @Test
    void aWorkflowCallCountsTheCalledWorkflowAndTheCriticalPathFollowsTheSlowestBranch() {
        Plan plan = Scripts.plan("""
                workflow twice(x: text) {
                  a = writer(x)
                  return writer(a)
                }
                workflow main() {
                  parallel {
                    quick = writer("Quick")
                    deep = thinker("Deep")
                  }
                  both = twice(quick + deep)
                }
                """);
        assertThat(plan.estimate().callsMax()).isEqualTo(4);
        assertThat(plan.estimate().latencyMs()).isEqualTo(200 + 20);
        assertThat(plan.criticalPath()).containsExactly("12:5", "14:3");
    }

    @Test
    void costComesFromThePricesPerMillionTokens() {
        Estimate e = Scripts.plan("""
                model paid = openai("gpt-4o", price_in: 1000000, price_out: 2000000)
                agent buyer { model: paid, max_tokens: 3 }
                workflow main() {
                  print buyer("1234")
                }
                """).estimate();
        assertThat(e.tokensMax()).isEqualTo(4);
        assertThat(e.costMax()).isEqualTo(1 * 1.0 + 3 * 2.0);
        assertThat(e.latencyMs()).isEqualTo(Estimator.REAL_CALL_MS);
    }
}

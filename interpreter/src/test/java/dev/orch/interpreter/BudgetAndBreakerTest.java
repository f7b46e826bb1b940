package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.events.RunEvent;
import org.junit.jupiter.api.Test;

class BudgetAndBreakerTest {
    @Test
    void budgetStopsCallsOnceItsWorstCaseWouldPassTheCeiling() {
        // Each call: 11 characters in (3 tokens), an echo out (3): 6 tokens; its worst case is 3 + max_tokens 3.
        // 20 tokens allow three calls (18), not a fourth.
        var o = Scripts.run("""
                model m = mock()
                agent a { model: m, max_tokens: 3 }
                budget { tokens: 20 }
                workflow main() {
                  for i in [1, 2, 3, 4, 5] {
                    a("call {i} ...")
                  }
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.BUDGET);
        assertThat(o.events(RunEvent.TaskFinished.class)).hasSize(3);
        assertThat(o.events(RunEvent.BudgetExceeded.class)).hasSize(1);
    }

    @Test
    void aParallelForSpendsWhatTheSameLoopOneAtATimeSpendsUnderABudget() {
        // Six calls that may each need 2000 tokens fit one at a time in 12000, never all at once: they wait, not fail.
        String script = """
                model m = mock(price_in: 1, price_out: 2)
                agent a { model: m, max_tokens: 2000 }
                budget { tokens: 12000 }
                workflow main() {
                  rs = for i in [1, 2, 3, 4, 5, 6] PARALLEL {
                    a("review part {i}")
                  }
                  print len(rs)
                }
                """;
        var together = Scripts.run(script.replace("PARALLEL", "parallel"));
        var oneAtATime = Scripts.run(script.replace("PARALLEL", "parallel max 1"));

        assertThat(together.error()).isNull();
        assertThat(together.stdout()).isEqualTo("6\n");
        assertThat(together.result().cost()).isPositive().isEqualTo(oneAtATime.result().cost());
        assertThat(oneAtATime.error()).isNull();
    }

    @Test
    void budgetOnCostUsesThePrices() {
        var o = Scripts.run("""
                model m = mock(price_in: 1000000, price_out: 1000000)
                agent a { model: m, max_tokens: 2 }
                budget { cost: 10 }
                workflow main() {
                  x = a("12345678")
                  y = a("12345678")
                  z = a("12345678")
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.BUDGET);
        assertThat(o.events(RunEvent.TaskFinished.class)).hasSize(2);
    }

    @Test
    void withoutMaxTokensTheWorstCaseAssumesTheEstimatorsDefault() {
        var o = Scripts.run("""
                model m = mock()
                agent a { model: m }
                budget { tokens: 1000 }
                workflow main() {
                  print a("hello")
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.BUDGET);
        assertThat(o.error().getMessage()).contains("1000 tokens", "may need 1026 more");
    }

    @Test
    void breakerOpensAfterItsFailuresAndFailsFurtherCallsAtOnce() {
        var o = Scripts.run("""
                model m = mock(fail: "down")
                breaker b { failures: 2, window: 1m, cooldown: 1m }
                agent a { model: m, breaker: b }
                workflow main() {
                  ks = for p in ["down 1", "down 2", "fine"] {
                    try {
                      a(p)
                    } catch as e {
                      e.kind
                    }
                  }
                  print ks
                }
                """);
        assertThat(o.stdout()).isEqualTo("[\"server\",\"server\",\"circuit_open\"]\n");
        assertThat(o.events(RunEvent.BreakerOpen.class)).singleElement().satisfies(e -> assertThat(e.breaker()).isEqualTo("b"));
    }

    @Test
    void afterTheCooldownOneProbeDecides() {
        var o = Scripts.runOn(new VirtualClock(), """
                model m = mock(fail: "down")
                breaker b { failures: 1, window: 10m, cooldown: 1m }
                agent a { model: m, breaker: b }
                workflow main() {
                  ks = for p in ["down", "fine", "wait", "fine again"] {
                    if p == "wait" {
                      sleep(2m)
                    }
                    try {
                      a(p)
                    } catch as e {
                      e.kind
                    }
                  }
                  print ks
                }
                """);
        assertThat(o.stdout()).isEqualTo("[\"server\",\"circuit_open\",\"wait\",\"fine again\"]\n");
    }
}

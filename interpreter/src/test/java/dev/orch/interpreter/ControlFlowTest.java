package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.stdlib.value.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlFlowTest {
    @Test
    void ifTakesTheFirstTrueBranch() {
        var o = Scripts.run("""
                workflow main(n: number = 5) {
                  if n > 10 {
                    size = "big"
                  } else if n > 3 {
                    size = "medium"
                  } else {
                    size = "small"
                  }
                  print size
                }
                """);
        assertThat(o.stdout()).isEqualTo("medium\n");
    }

    @Test
    void sequentialForCollectsEachBodysLastValueAndVarCarriesState() {
        var o = Scripts.run("""
                workflow main() {
                  var total = 0
                  squares = for x in [1, 2, 3] {
                    total = total + x
                    x * x
                  }
                  print squares
                  print total
                }
                """);
        assertThat(o.stdout()).isEqualTo("[1,4,9]\n6\n");
    }

    @Test
    void loopRunsUntilItsConditionHolds() {
        var o = Scripts.run("""
                workflow main() {
                  var n = 0
                  loop until n >= 3 {
                    n = n + 1
                  }
                  print n
                }
                """);
        assertThat(o.stdout()).isEqualTo("3\n");
        assertThat(o.events(RunEvent.Warning.class)).isEmpty();
    }

    @Test
    void loopStopsAtItsMaxWithAWarning() {
        var o = Scripts.run("""
                workflow main() {
                  var n = 0
                  loop max 4 until n > 100 {
                    n = n + 1
                  }
                  print n
                }
                """);
        assertThat(o.stdout()).isEqualTo("4\n");
        assertThat(o.events(RunEvent.Warning.class)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("max of 4"));
    }

    @Test
    void loopWithoutMaxDefaultsToTenAndBreakLeaves() {
        var o = Scripts.run("""
                workflow main() {
                  var n = 0
                  loop {
                    n = n + 1
                  }
                  var m = 0
                  loop {
                    m = m + 1
                    if m == 2 {
                      break
                    }
                  }
                  print "{n} {m}"
                }
                """);
        assertThat(o.stdout()).isEqualTo("10 2\n");
        assertThat(o.events(RunEvent.Warning.class)).hasSize(1);
    }

    @Test
    void catchMatchesByKindAndBindsTheError() {
        var o = Scripts.run("""
                model m = mock(fail: ".")
                agent a { model: m }
                workflow main() {
                  try {
                    r = a("x")
                  } catch timeout {
                    r = "timed out"
                  } catch server as e {
                    r = "server said: {e.kind}"
                  }
                  print r
                }
                """);
        assertThat(o.stdout()).isEqualTo("server said: server\n");
    }

    @Test
    void fallbacksAreTriedInTurn() {
        var o = Scripts.run("""
                model m = mock(fail: "bad")
                agent a { model: m }
                workflow main() {
                  try {
                    r = a("bad 1")
                  } fallback {
                    r = a("bad 2")
                  } fallback {
                    r = a("good")
                  }
                  print r
                }
                """);
        assertThat(o.stdout()).isEqualTo("good\n");
    }

    @Test
    void workflowsTakePositionalNamedAndDefaultArguments() {
        var o = Scripts.run("""
                workflow greet(name: text, greeting: text = "hello", mark: text = "!") {
                  return "{greeting} {name}{mark}"
                }
                workflow main() {
                  print greet("ada")
                  print greet("bob", "hi")
                  print greet("cy", mark: "?")
                }
                """);
        assertThat(o.stdout()).isEqualTo("hello ada!\nhi bob\u0021\nhello cy?\n");
    }

    @Test
    void failStopsTheRunWithItsMessage() {
        var o = Scripts.run("""
                workflow main() {
                  fail "tests failed: {1 + 1} cases"
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(o.error().getMessage()).isEqualTo("tests failed: 2 cases");
        assertThat(o.error().task()).isEqualTo("main/2:3");
    }

    @Test
    void mainReturnsItsValueAndTakesArguments() {
        var o = Scripts.run("""
                workflow main(xs: list, n: number) {
                  return len(xs) + n
                }
                """, null, Map.of("xs", new Value.ListOf(java.util.List.of(Value.of("a"))), "n", Value.of(2)));
        assertThat(o.result().result()).isEqualTo(new Value.Num(3));
    }

    @Test
    void phasesAreReportedToListeners() {
        var o = Scripts.run("""
                workflow main() {
                  phase "one" {
                    print 1
                  }
                }
                """);
        assertThat(o.events(RunEvent.PhaseStarted.class)).singleElement().satisfies(e -> assertThat(e.name()).isEqualTo("one"));
        assertThat(o.events(RunEvent.PhaseFinished.class)).hasSize(1);
    }

    @Test
    void forIndexesAppearInTaskIds() {
        var o = Scripts.run("""
                model m = mock()
                agent a { model: m }
                workflow main() {
                  for x in ["p", "q"] {
                    a(x)
                  }
                }
                """);
        assertThat(o.events(RunEvent.TaskFinished.class)).extracting(RunEvent.TaskFinished::task)
                .containsExactly("main/5:5[0]", "main/5:5[1]");
    }
}

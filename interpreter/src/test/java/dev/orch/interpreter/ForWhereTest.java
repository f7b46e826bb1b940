package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.interpreter.events.RunEvent;
import org.junit.jupiter.api.Test;

/** `for x in xs where COND [parallel [max N]] { }` iterates only the items for which COND holds. */
class ForWhereTest {
    @Test
    void onlyTheItemsWhereTheConditionHoldsAreIteratedAndCollected() {
        var o = Scripts.run("""
                workflow main() {
                  for x in [1, 2, 3, 4] where x > 2 {
                    print x
                  }
                  evens = for x in [1, 2, 3, 4, 5, 6] where x % 2 == 0 parallel max 2 { x * 10 }
                  print evens
                  none = for x in ["a", "b"] where x == "z" { x }
                  print none
                }
                """);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("3\n4\n[20,40,60]\n[]\n");
    }

    @Test
    void whereStaysAnOrdinaryNameOutsideTheLoopHead() {
        var o = Scripts.run("""
                workflow main() {
                  where = 2
                  for x in [1, 2, 3] where x != 2 { print "{x} {where}" }
                  m = { where: "here" }
                  print m.where
                }
                """);

        assertThat(o.stdout()).isEqualTo("1 2\n3 2\nhere\n");
    }

    @Test
    void aKeptItemKeepsItsPlaceInTheListAsItsTask() {
        var o = Scripts.run("""
                model m = mock()
                agent a { model: m }
                workflow main() {
                  for x in ["skip", "call", "skip", "call"] where x == "call" {
                    a("{x}")
                  }
                }
                """);

        assertThat(o.events(RunEvent.TaskFinished.class)).extracting(RunEvent.TaskFinished::task)
                .containsExactly("main/5:5[1]", "main/5:5[3]");
    }
}

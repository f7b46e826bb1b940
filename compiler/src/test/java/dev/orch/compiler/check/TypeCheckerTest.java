package dev.orch.compiler.check;

import static dev.orch.compiler.check.Check.messages;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Types are reported only where they are certain; everything unknown passes. */
class TypeCheckerTest {
    @Test
    void aReplyIsTextSoRepliesJoinIntoText() {
        assertThat(messages("a = w(\"x\")\nb = w(\"y\")\nprint (a + b).tokens_out")).containsExactly("a text has no field 'tokens_out'");
    }

    @Test
    void aVarKeepsItsTypeThroughLoopUpdates() {
        assertThat(messages("var k = 0\nloop max 3 until k {\n  k = k + 1\n}"))
                .containsExactly("the condition of `until` is a number, not true or false");
    }

    @Test
    void aVarThatHoldsDifferentTypesIsUnknownAndNotReported() {
        assertThat(messages("var v = 0\nfor x in xs {\n  v = \"{x}\"\n}\nif v {\n  print v\n}")).isEmpty();
    }

    @Test
    void aDagStatementSeesTheTypeOfALaterOne() {
        assertThat(messages("dag {\n  b = a - 1\n  a = w(\"x\")\n}\nprint b"))
                .containsExactly("'-' cannot combine a reply and a number");
    }

    @Test
    void workflowResultsAndJsonAreUnknown() {
        assertThat(messages("d = json(\"[]\")\nfor x in d {\n  print x.field\n}\nif d.ok {\n  print d[0]\n}")).isEmpty();
    }

    @Test
    void durationsCombineWithNumbers() {
        assertThat(messages("sleep(250ms * n)\nsleep(1s + 500ms)\nsleep(2s / 2)\nprint 1s / 250ms + n")).isEmpty();
        assertThat(messages("sleep(n * 2)")).containsExactly("sleep expects a duration for dur, but this is a number");
    }

    @Test
    void typedParametersCheckTheirArguments() {
        assertThat(messages("print len(xs) + n\nfor x in n {\n  print x\n}"))
                .containsExactly("`for` walks a list, but this is a number");
    }
}

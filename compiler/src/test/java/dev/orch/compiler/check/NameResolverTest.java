package dev.orch.compiler.check;

import static dev.orch.compiler.check.Check.messages;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scoping rules of the brief, one at a time. */
class NameResolverTest {
    @Test
    void aBranchThatLeavesDoesNotCountAgainstTheOthers() {
        assertThat(messages("if n > 1 {\n  fail \"too many\"\n} else {\n  x = 1\n}\nprint x")).isEmpty();
        assertThat(messages("if n > 1 {\n  return 0\n}\nprint n")).isEmpty();
    }

    @Test
    void aNameFromSomeBranchesIsReportedWhereItIsRead() {
        assertThat(messages("if n > 1 {\n  x = 1\n}\nprint x"))
                .containsExactly("'x' is not visible here: it is assigned in only some branches of the if at 4:1");
    }

    @Test
    void aVarDeclaredBeforeTheIfMayBeUpdatedInSomeBranches() {
        assertThat(messages("var x = 0\nif n > 1 {\n  x = 1\n}\nprint x")).isEmpty();
    }

    @Test
    void assigningAgainAfterSomeBranchesIsStillASecondAssignment() {
        assertThat(messages("if n > 1 {\n  x = 1\n}\nx = 2\nprint x"))
                .containsExactly("'x' is already defined at 5:3 and cannot be assigned again");
    }

    @Test
    void theUntilConditionSeesTheLoopBody() {
        assertThat(messages("loop max 3 until done {\n  done = n > 0\n}")).isEmpty();
    }

    @Test
    void dagsMayBeNestedInsideOtherBlocks() {
        assertThat(messages("phase \"p\" {\n  dag {\n    b = w(\"{a}\")\n    a = w(\"x\")\n  }\n}\nprint b")).isEmpty();
    }

    @Test
    void outsideADagOrderMatters() {
        assertThat(messages("b = w(\"{a}\")\na = w(\"x\")\nprint b"))
                .containsExactly("'a' is used before it is defined at 5:1");
    }

    @Test
    void aLoopVariableMayNotShadowAnOuterName() {
        assertThat(messages("x = 1\nfor x in xs {\n  print x\n}"))
                .containsExactly("'x' is already defined at 4:1");
    }

    @Test
    void theForCollectionIsVisibleAfterTheLoop() {
        assertThat(messages("ys = for x in xs {\n  w(\"{x}\")\n}\nprint ys")).isEmpty();
    }

    @Test
    void underscoreMayBeUsedForEveryIgnoredValue() {
        assertThat(messages("for _ in xs {\n  for _ in xs {\n    _ = w(\"x\")\n  }\n}")).isEmpty();
    }
}

package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dag starts its statements' threads ready ones first, each after the statements it waits for. */
class DagStartOrderTest {
    @Test
    void aChainWrittenBackwardsStartsFromItsFirstLink() {
        // Written s3, s2, s1, s0: s3 waits for s2, s2 for s1, s1 for s0.
        List<List<Integer>> waitFor = List.of(List.of(1), List.of(2), List.of(3), List.of());
        assertThat(Interpreter.startOrder(waitFor)).containsExactly(3, 2, 1, 0);
    }

    @Test
    void everyStatementStartsOnceAndAfterItsInputsAndReadyOnesComeFirst() {
        int n = 2_000;
        java.util.Random random = new java.util.Random(3);
        List<List<Integer>> waitFor = new ArrayList<>();
        for (int i = 0; i < n; i++) waitFor.add(new ArrayList<>());
        // Statement i waits for up to two statements with a larger index, so the last ones written are the roots.
        for (int i = 0; i < n - 1; i++) {
            waitFor.get(i).add(i + 1 + random.nextInt(n - 1 - i));
            if (random.nextBoolean()) waitFor.get(i).add(i + 1 + random.nextInt(n - 1 - i));
        }
        int[] order = Interpreter.startOrder(waitFor);
        int[] at = new int[n];
        java.util.Arrays.fill(at, -1);
        for (int k = 0; k < n; k++) {
            assertThat(at[order[k]]).as("statement %d starts once", order[k]).isEqualTo(-1);
            at[order[k]] = k;
        }
        for (int i = 0; i < n; i++) for (int j : waitFor.get(i)) assertThat(at[j]).isLessThan(at[i]);
        assertThat(order[0]).isEqualTo(n - 1);
    }
}

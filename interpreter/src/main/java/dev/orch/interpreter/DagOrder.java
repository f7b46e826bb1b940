package dev.orch.interpreter;

import dev.orch.compiler.plan.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of a dag's statements by their index in its body: how many statements each one waits for, and which
 * statements wait for each one. Built once per plan ({@link WorkflowIndex}); a run counts down a copy of
 * {@code waits}.
 */
record DagOrder(int[] waits, int[][] readers) {
    /** Statement i of the dag's body waits for the statements of the body among its inputs. */
    static DagOrder of(Node.Dag dag) {
        List<String> body = dag.body();
        Map<String, Integer> position = new HashMap<>(body.size() * 2);
        for (int i = 0; i < body.size(); i++) position.put(body.get(i), i);
        List<List<Integer>> waitFor = new ArrayList<>(body.size());
        for (String child : body) {
            List<Integer> mine = new ArrayList<>(2);
            for (String input : dag.inputs().getOrDefault(child, List.of())) {
                Integer j = position.get(input);
                if (j != null) mine.add(j);
            }
            waitFor.add(mine);
        }
        return of(waitFor);
    }

    /** From each statement's list of the statements it waits for. */
    static DagOrder of(List<? extends List<Integer>> waitFor) {
        int n = waitFor.size();
        int[] waits = new int[n];
        int[] readerCounts = new int[n];
        for (int i = 0; i < n; i++) {
            waits[i] = waitFor.get(i).size();
            for (int j : waitFor.get(i)) readerCounts[j]++;
        }
        int[][] readers = new int[n][];
        for (int j = 0; j < n; j++) readers[j] = new int[readerCounts[j]];
        int[] filled = new int[n];
        for (int i = 0; i < n; i++) for (int j : waitFor.get(i)) readers[j][filled[j]++] = i;
        return new DagOrder(waits, readers);
    }

    int size() {
        return waits.length;
    }
}

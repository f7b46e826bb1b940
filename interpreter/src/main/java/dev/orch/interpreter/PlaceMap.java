package dev.orch.interpreter;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the statements of the plan a run recorded line up with those of its script now, block by block: statements
 * that do the same are matched in order (a longest common subsequence of their shapes), and the ones left between
 * two matches are paired in order (an edited statement is the same statement, changed). So a statement inserted
 * above a call does not move the call's place: `orch resume` of the edited script rewrites the journal's places to
 * the new plan's (see {@code RunStore.resumeRun}) and the call replays.
 */
public final class PlaceMap {
    // A place's step in one workflow: `main/2.b0.1#0[3]`, perhaps followed by a part (`/t2` of a tool loop).
    private static final Pattern STEP = Pattern.compile("^([^/]+)/([^#]*)#(\\d+)(.*)$");

    private final Plan now;
    private final Map<String, Map<String, String>> recordedOf = new HashMap<>();
    private final Map<String, Map<String, String>> nowOf = new HashMap<>();

    private PlaceMap(Plan recorded, Plan now) {
        this.now = now;
        for (WorkflowPlan w : now.workflows()) {
            WorkflowPlan r = recorded.workflow(w.name());
            Map<String, String> back = new HashMap<>();
            Map<String, String> forth = new HashMap<>();
            if (r != null) align(r, w, r.body(), w.body(), "", "", back, forth);
            recordedOf.put(w.name(), back);
            nowOf.put(w.name(), forth);
        }
    }

    public static PlaceMap between(Plan recorded, Plan now) {
        return new PlaceMap(recorded, now);
    }

    /** The path the statement now at {@code path} had in the recorded plan, or null when it is new. */
    String recordedPath(String workflow, String path) {
        return recordedOf.getOrDefault(workflow, Map.of()).get(path);
    }

    /** The path the recorded statement at {@code path} has now, or null when it is gone. */
    String nowPath(String workflow, String path) {
        return nowOf.getOrDefault(workflow, Map.of()).get(path);
    }

    /**
     * A journal place of the recorded plan as the plan now places it (`main/3#0[2]` when a statement was inserted
     * above `main/2#0[2]`), or null when its statement is gone. A place inside source that `run()` generated keeps
     * its steps after the call of run().
     */
    public String now(String place) {
        String[] steps = place.split(">", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < steps.length; i++) {
            Matcher m = STEP.matcher(steps[i]);
            if (!m.matches()) return null;
            String path = nowPath(m.group(1), m.group(2));
            if (path == null) return null;
            if (i > 0) out.append('>');
            out.append(m.group(1)).append('/').append(path).append('#').append(m.group(3)).append(m.group(4));
            if (i + 1 < steps.length && !callsAWorkflow(m.group(1), path, Integer.parseInt(m.group(3)))) {
                for (int j = i + 1; j < steps.length; j++) out.append('>').append(steps[j]);
                return out.toString();
            }
        }
        return out.toString();
    }

    private boolean callsAWorkflow(String workflow, String path, int k) {
        List<Expr.Call> calls = Places.of(now.workflow(workflow)).callsOf(path);
        return k < calls.size() && now.workflow(calls.get(k).callee()) != null;
    }

    private static void align(WorkflowPlan r, WorkflowPlan w, List<String> before, List<String> after, String beforePrefix,
                              String afterPrefix, Map<String, String> back, Map<String, String> forth) {
        List<Node> a = nodes(r, before);
        List<Node> b = nodes(w, after);
        List<String> sa = a.stream().map(PlanDiff::shape).toList();
        List<String> sb = b.stream().map(PlanDiff::shape).toList();
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = sa.get(i).equals(sb.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<int[]> pairs = new ArrayList<>();
        int i = 0;
        int j = 0;
        int gapI = 0;
        int gapJ = 0;
        while (i < a.size() && j < b.size()) {
            if (sa.get(i).equals(sb.get(j)) && common[i][j] == common[i + 1][j + 1] + 1) {
                pairGap(a, b, gapI, i, gapJ, j, pairs);
                pairs.add(new int[] {i, j});
                gapI = ++i;
                gapJ = ++j;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        pairGap(a, b, gapI, a.size(), gapJ, b.size(), pairs);
        for (int[] p : pairs) {
            String from = beforePrefix + p[0];
            String to = afterPrefix + p[1];
            back.put(to, from);
            forth.put(from, to);
            children(r, w, a.get(p[0]), b.get(p[1]), from + ".", to + ".", back, forth);
        }
    }

    /** Statements left between two matches are paired in order, when they are the same kind of statement. */
    private static void pairGap(List<Node> a, List<Node> b, int i0, int i1, int j0, int j1, List<int[]> pairs) {
        for (int i = i0, j = j0; i < i1 && j < j1; i++, j++) {
            if (a.get(i).getClass() == b.get(j).getClass()) pairs.add(new int[] {i, j});
        }
    }

    private static void children(WorkflowPlan r, WorkflowPlan w, Node x, Node y, String from, String to,
                                 Map<String, String> back, Map<String, String> forth) {
        switch (x) {
            case Node.If a when y instanceof Node.If b -> {
                for (int k = 0; k < Math.min(a.branches().size(), b.branches().size()); k++) {
                    align(r, w, a.branches().get(k).body(), b.branches().get(k).body(), from + "b" + k + ".", to + "b" + k + ".", back, forth);
                }
                if (a.otherwise() != null && b.otherwise() != null) align(r, w, a.otherwise(), b.otherwise(), from + "e.", to + "e.", back, forth);
            }
            case Node.Try a when y instanceof Node.Try b -> {
                align(r, w, a.body(), b.body(), from, to, back, forth);
                for (int k = 0; k < Math.min(a.catches().size(), b.catches().size()); k++) {
                    align(r, w, a.catches().get(k).body(), b.catches().get(k).body(), from + "c" + k + ".", to + "c" + k + ".", back, forth);
                }
                for (int k = 0; k < Math.min(a.fallbacks().size(), b.fallbacks().size()); k++) {
                    align(r, w, a.fallbacks().get(k), b.fallbacks().get(k), from + "f" + k + ".", to + "f" + k + ".", back, forth);
                }
            }
            default -> align(r, w, Places.body(x), Places.body(y), from, to, back, forth);
        }
    }

    private static List<Node> nodes(WorkflowPlan w, List<String> ids) {
        Map<String, Node> byId = new HashMap<>();
        for (Node n : w.nodes()) byId.put(n.id(), n);
        List<Node> out = new ArrayList<>();
        for (String id : ids) if (byId.containsKey(id)) out.add(byId.get(id));
        return out;
    }
}

package dev.orch.compiler.check;

import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.Stmt;
import dev.orch.compiler.diag.Diagnostic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who waits for whom. For every statement: the ids (`line:col`) of the statements whose writes it reads, names and
 * literal file paths alike; for a block, what its body reads from outside it. For every `dag`: each statement's
 * inputs among its siblings and the waves (topological levels, by Kahn's algorithm). Reports `dag` cycles and
 * workflows that call themselves, each with the cycle spelled out.
 *
 * <p>Writers are indexed by key, so the pass is linear in the size of the script apart from the merge after
 * branches, which touches only the keys the branches wrote.
 */
public final class DependencyAnalyzer {
    /** {@code deps}: per statement (by identity), its dependencies in source order; {@code schedules}: per `dag`. */
    public record Result(List<Diagnostic> diagnostics, Map<Stmt, List<String>> deps, Map<Stmt.Dag, Schedule> schedules) {
        public List<String> depsOf(Stmt s) {
            return deps.getOrDefault(s, List.of());
        }
    }

    /**
     * A dag's schedule. {@code inputs}: for each statement id, the ids of the sibling statements it waits for.
     * {@code waves}: statement ids by level; {@code waveNames}: the same levels as the names each statement assigns
     * (its id when it assigns none), the form the plan shows.
     */
    public record Schedule(Map<String, List<String>> inputs, List<List<String>> waves, List<List<String>> waveNames) {}

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<Stmt, List<String>> deps = new IdentityHashMap<>();
    private final Map<Stmt.Dag, Schedule> schedules = new IdentityHashMap<>();

    private DependencyAnalyzer() {}

    public static Result analyze(List<Program> programs) {
        DependencyAnalyzer a = new DependencyAnalyzer();
        List<Decl.Workflow> workflows = new ArrayList<>();
        for (Program p : programs) workflows.addAll(p.all(Decl.Workflow.class));
        for (Decl.Workflow w : workflows) new Walk(a, varsOf(w.body())).block(w.body());
        a.workflowCycles(workflows);
        return new Result(List.copyOf(a.diagnostics), a.deps, a.schedules);
    }

    public static String id(Stmt s) {
        return s.span().position();
    }

    /** Names declared with `var` anywhere in a workflow: the state that loops may update. */
    static Set<String> varsOf(Block body) {
        Set<String> vars = new HashSet<>();
        ArrayDeque<Block> todo = new ArrayDeque<>(List.of(body));
        while (!todo.isEmpty()) {
            for (Stmt s : todo.pop().statements()) {
                if (s instanceof Stmt.Assign a && a.declaresVar()) vars.add(a.name());
                if (s instanceof Stmt.For f && f.intoVar()) vars.add(f.into());
                AstWalk.blocks(s).forEach(todo::push);
            }
        }
        return vars;
    }

    // ---- statements ---------------------------------------------------------------------------------------

    /**
     * One workflow, in execution order: {@code writers} maps each key to the statements that last wrote it. A
     * statement is its visit number within the walk, an index into {@code ids} and {@code positions}, so the sets of
     * dependencies are int arrays, not sets of `line:col` strings.
     */
    private static final class Walk {
        private static final int[] NONE = new int[0];

        private record Undo(String key, int[] old) {}

        private final DependencyAnalyzer out;
        private final Set<String> vars;
        private final Map<String, int[]> writers = new HashMap<>();
        private final List<Undo> log = new ArrayList<>();
        /** By visit number: the statement's id and its position as {@code line << 32 | col}, the order of ids. */
        private String[] ids = new String[64];
        private long[] positions = new long[64];
        private int visited;
        private final Set<String> bound = new HashSet<>();
        /** The keys one expression reads or writes; reused, as neither read nor write re-enters the walk. */
        private final Set<String> scratch = new LinkedHashSet<>();

        Walk(DependencyAnalyzer out, Set<String> vars) {
            this.out = out;
            this.vars = vars;
        }

        void block(Block b) {
            for (Stmt s : b.statements()) stmt(s);
        }

        private int visit(Stmt s) {
            if (visited == ids.length) {
                ids = Arrays.copyOf(ids, visited * 2);
                positions = Arrays.copyOf(positions, visited * 2);
            }
            ids[visited] = id(s);
            positions[visited] = (long) s.span().line() << 32 | s.span().col();
            return visited++;
        }

        /** Visits a statement and returns what it reads from statements outside itself (visit numbers, maybe repeated). */
        Ints stmt(Stmt s) {
            int self = visit(s);
            int start = self;
            Ints found = new Ints();
            for (Expr e : AstWalk.expressions(s)) {
                // `until` and `where` are read inside the loop, where its own names are bound.
                if (!(s instanceof Stmt.Loop l && e == l.until()) && !(s instanceof Stmt.For f && e == f.where())) read(e, found);
            }
            switch (s) {
                case Stmt.Assign a -> {
                    write(a.value(), self);
                    assign(a.name(), self);
                }
                case Stmt.Eval e -> write(e.value(), self);
                case Stmt.Print p -> write(p.value(), self);
                case Stmt.Return r -> write(r.value(), self);
                case Stmt.Fail f -> write(f.message(), self);
                case Stmt.Expect x -> {
                    write(x.condition(), self);
                    if (x.message() != null) write(x.message(), self);
                }
                case Stmt.Break b -> {}
                case Stmt.Sequence q -> children(q.body(), found, start);
                case Stmt.Parallel p -> children(p.body(), found, start);
                case Stmt.Retry r -> children(r.body(), found, start);
                case Stmt.Timeout t -> children(t.body(), found, start);
                case Stmt.Phase p -> children(p.body(), found, start);
                case Stmt.Dag d -> dag(d, found, start);
                case Stmt.Race r -> {
                    List<Branch> branches = new ArrayList<>();
                    for (Stmt child : r.body().statements()) branches.add(() -> stmt(child));
                    alternatives(branches, true, found, start);
                }
                case Stmt.If i -> {
                    List<Branch> branches = new ArrayList<>();
                    for (Stmt.Branch b : i.branches()) branches.add(() -> blockReads(b.body()));
                    if (i.otherwise() != null) branches.add(() -> blockReads(i.otherwise()));
                    alternatives(branches, i.otherwise() != null, found, start);
                }
                case Stmt.For f -> {
                    boolean added = bound.add(f.variable());
                    alternatives(List.of(() -> {
                        Ints r = blockReads(f.body());
                        if (f.where() != null) read(f.where(), r);
                        return r;
                    }), false, found, start);
                    if (added) bound.remove(f.variable());
                    if (f.into() != null) assign(f.into(), self);
                }
                case Stmt.Loop l -> {
                    alternatives(List.of(() -> {
                        Ints r = blockReads(l.body());
                        if (l.until() != null) read(l.until(), r);
                        return r;
                    }), false, found, start);
                }
                case Stmt.Try t -> {
                    List<Branch> branches = new ArrayList<>();
                    branches.add(() -> blockReads(t.body()));
                    for (Stmt.Catch c : t.catches()) {
                        branches.add(() -> {
                            boolean added = c.as() != null && bound.add(c.as());
                            Ints r = blockReads(c.body());
                            if (added) bound.remove(c.as());
                            return r;
                        });
                    }
                    for (Block f : t.fallbacks()) branches.add(() -> blockReads(f));
                    alternatives(branches, true, found, start);
                }
            }
            out.deps.put(s, inPositionOrder(found));
            return found;
        }

        /** The ids of a set of visit numbers, each once, by position in the source. */
        private List<String> inPositionOrder(Ints found) {
            if (found.size == 0) return List.of();
            int[] visits = found.distinct();
            // A dag visits its statements in wave order, not in source order.
            sortByPosition(visits);
            String[] sorted = new String[visits.length];
            int kept = 0;
            for (int i = 0; i < visits.length; i++) {
                if (i == 0 || positions[visits[i]] != positions[visits[i - 1]]) sorted[kept++] = ids[visits[i]];
            }
            return List.of(kept == sorted.length ? sorted : Arrays.copyOf(sorted, kept));
        }

        /** Insertion sort for the usual handful of inputs, a boxed sort past that. */
        private void sortByPosition(int[] visits) {
            if (visits.length <= 16) {
                for (int i = 1; i < visits.length; i++) {
                    int v = visits[i];
                    int j = i - 1;
                    for (; j >= 0 && positions[visits[j]] > positions[v]; j--) visits[j + 1] = visits[j];
                    visits[j + 1] = v;
                }
                return;
            }
            Integer[] boxed = new Integer[visits.length];
            for (int i = 0; i < visits.length; i++) boxed[i] = visits[i];
            Arrays.sort(boxed, Comparator.comparingLong(v -> positions[v]));
            for (int i = 0; i < visits.length; i++) visits[i] = boxed[i];
        }

        private Ints blockReads(Block b) {
            Ints found = new Ints();
            for (Stmt s : b.statements()) found.addAll(stmt(s));
            return found;
        }

        private void children(Block b, Ints found, int start) {
            for (Stmt s : b.statements()) keepOutside(stmt(s), found, start);
        }

        /** Adds the dependencies on statements visited before {@code start}, the ones outside the current statement. */
        private static void keepOutside(Ints childDeps, Ints found, int start) {
            for (int i = 0; i < childDeps.size; i++) if (childDeps.values[i] < start) found.add(childDeps.values[i]);
        }

        private void read(Expr e, Ints found) {
            Set<String> keys = scratch;
            keys.clear();
            Effects.reads(e, bound, keys);
            for (String k : keys) {
                int[] ws = writers.get(k);
                if (ws != null) found.addAll(ws);
            }
        }

        private void write(Expr e, int statement) {
            if (e == null) return;
            Set<String> keys = scratch;
            keys.clear();
            Effects.writes(e, keys);
            for (String k : keys) set(k, new int[] {statement});
        }

        private void assign(String name, int statement) {
            set(name, new int[] {statement});
        }

        private void set(String key, int[] statements) {
            log.add(new Undo(key, writers.get(key)));
            if (statements.length == 0) writers.remove(key);
            else writers.put(key, statements);
        }

        private void undoTo(int mark) {
            for (int i = log.size() - 1; i >= mark; i--) {
                Undo u = log.remove(i);
                if (u.old() == null) writers.remove(u.key());
                else writers.put(u.key(), u.old());
            }
        }

        interface Branch {
            Ints run();
        }

        /**
         * Branches of which one (or, when {@code oneAlwaysRuns} is false, possibly none) runs: each starts from the
         * same writers, and afterwards a key's writers are the union of what each branch left it as.
         */
        private void alternatives(List<Branch> branches, boolean oneAlwaysRuns, Ints found, int start) {
            int mark = log.size();
            Map<String, int[]> before = new LinkedHashMap<>();
            List<Map<String, int[]>> after = new ArrayList<>();
            for (Branch b : branches) {
                keepOutside(b.run(), found, start);
                Map<String, int[]> changed = new HashMap<>();
                for (int i = mark; i < log.size(); i++) {
                    String key = log.get(i).key();
                    before.putIfAbsent(key, log.get(i).old());
                    changed.put(key, writers.getOrDefault(key, NONE));
                }
                after.add(changed);
                undoTo(mark);
            }
            for (Map.Entry<String, int[]> e : before.entrySet()) {
                int[] old = e.getValue() == null ? NONE : e.getValue();
                Ints union = new Ints();
                for (Map<String, int[]> changed : after) union.addAll(changed.getOrDefault(e.getKey(), old));
                if (!oneAlwaysRuns) union.addAll(old);
                set(e.getKey(), union.distinct());
            }
        }

        // ---- dag --------------------------------------------------------------------------------------------

        private void dag(Stmt.Dag d, Ints found, int start) {
            List<Stmt> kids = d.body().statements();
            int n = kids.size();
            String[] kidIds = new String[n];
            for (int i = 0; i < n; i++) kidIds[i] = id(kids.get(i));
            List<Effects.Keys> keys = new ArrayList<>(n);
            Map<String, Integer> writerOf = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Effects.Keys k = Effects.of(kids.get(i), vars);
                keys.add(k);
                for (String w : k.writes()) writerOf.putIfAbsent(w, i);
            }
            // Inputs as sorted, distinct sibling indices; who waits for each statement as a list per statement.
            int[][] preds = new int[n][];
            int[] succCount = new int[n];
            int[] waiting = new int[n];
            Ints scratchPreds = new Ints();
            for (int i = 0; i < n; i++) {
                scratchPreds.size = 0;
                for (String r : keys.get(i).reads()) {
                    Integer w = writerOf.get(r);
                    if (w != null && w != i) scratchPreds.add(w);
                }
                int[] p = scratchPreds.size == 0 ? NONE : scratchPreds.distinct();
                preds[i] = p;
                for (int w : p) succCount[w]++;
                waiting[i] = p.length;
            }
            int[][] succs = new int[n][];
            for (int i = 0; i < n; i++) succs[i] = succCount[i] == 0 ? NONE : new int[succCount[i]];
            int[] filled = new int[n];
            for (int i = 0; i < n; i++) for (int w : preds[i]) succs[w][filled[w]++] = i;
            // Kahn's algorithm, one level at a time: a wave is every statement whose inputs are all in earlier waves.
            List<int[]> waves = new ArrayList<>();
            Ints wave = new Ints();
            for (int i = 0; i < n; i++) if (waiting[i] == 0) wave.add(i);
            int placed = 0;
            while (wave.size > 0) {
                int[] level = Arrays.copyOf(wave.values, wave.size);
                waves.add(level);
                placed += level.length;
                wave = new Ints();
                for (int i : level) for (int s : succs[i]) if (--waiting[s] == 0) wave.add(s);
                Arrays.sort(wave.values, 0, wave.size);
            }
            if (placed < n) out.diagnostics.add(cycle(kids, keys, preds, waiting));

            for (int[] w : waves) for (int i : w) keepOutside(stmt(kids.get(i)), found, start);
            for (int i = 0; i < n; i++) if (waiting[i] > 0) keepOutside(stmt(kids.get(i)), found, start);

            Map<String, List<String>> inputs = new LinkedHashMap<>(n * 4 / 3 + 1);
            for (int i = 0; i < n; i++) {
                int[] p = preds[i];
                String[] in = new String[p.length];
                for (int k = 0; k < in.length; k++) in[k] = kidIds[p[k]];
                inputs.put(kidIds[i], List.of(in));
            }
            List<List<String>> waveIds = new ArrayList<>();
            List<List<String>> waveNames = new ArrayList<>();
            for (int[] w : waves) {
                String[] waveIdsOf = new String[w.length];
                List<String> names = new ArrayList<>(w.length);
                for (int k = 0; k < w.length; k++) {
                    int i = w[k];
                    waveIdsOf[k] = kidIds[i];
                    int before = names.size();
                    for (String key : keys.get(i).writes()) if (!Effects.isPath(key)) names.add(key);
                    if (names.size() == before) names.add(kidIds[i]);
                }
                waveIds.add(List.of(waveIdsOf));
                waveNames.add(List.copyOf(names));
            }
            out.schedules.put(d, new Schedule(inputs, List.copyOf(waveIds), List.copyOf(waveNames)));
        }

        /** Every statement left by Kahn's algorithm waits for another one left: follow those waits until one repeats. */
        private Diagnostic cycle(List<Stmt> kids, List<Effects.Keys> keys, int[][] preds, int[] waiting) {
            int first = 0;
            while (waiting[first] == 0) first++;
            List<Integer> path = new ArrayList<>();
            Map<Integer, Integer> at = new HashMap<>();
            int current = first;
            while (!at.containsKey(current)) {
                at.put(current, path.size());
                path.add(current);
                for (int p : preds[current]) {
                    if (waiting[p] > 0) {
                        current = p;
                        break;
                    }
                }
            }
            List<Integer> loop = new ArrayList<>(path.subList(at.get(current), path.size()));
            int smallest = loop.indexOf(loop.stream().min(Comparator.naturalOrder()).orElseThrow());
            java.util.Collections.rotate(loop, -smallest);
            StringBuilder text = new StringBuilder();
            for (int i : loop) text.append(label(kids.get(i), keys.get(i))).append(" -> ");
            text.append(label(kids.get(loop.get(0)), keys.get(loop.get(0))));
            Stmt head = kids.get(loop.get(0));
            return Diagnostic.error(head.span(), "the statements of this dag wait for each other (each reads what the next one writes): " + text,
                    "a dag runs each statement once the names it reads are ready, so a cycle never starts; "
                            + "compute one of these values before the dag");
        }

        private static String label(Stmt s, Effects.Keys keys) {
            for (String w : keys.writes()) if (!Effects.isPath(w)) return w;
            for (String w : keys.writes()) return w;
            return id(s);
        }
    }

    // ---- workflows ----------------------------------------------------------------------------------------

    /** A workflow may not call itself, directly or through others: the plan inlines calls, and a run would not end. */
    private void workflowCycles(List<Decl.Workflow> workflows) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < workflows.size(); i++) index.putIfAbsent(workflows.get(i).name(), i);
        int n = workflows.size();
        List<Map<Integer, Span>> calls = new ArrayList<>(n);
        for (Decl.Workflow w : workflows) {
            Map<Integer, Span> out = new LinkedHashMap<>();
            AstWalk.calls(w.body(), c -> {
                Integer target = index.get(c.callee());
                if (target != null) out.putIfAbsent(target, c.calleeSpan());
            });
            calls.add(out);
        }
        // Depth-first search with colours; a call to a workflow still on the stack closes a cycle.
        int[] colour = new int[n];
        List<Integer> stack = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            if (colour[root] == 0) visit(root, workflows, calls, colour, stack);
        }
    }

    private void visit(int w, List<Decl.Workflow> workflows, List<Map<Integer, Span>> calls, int[] colour,
                       List<Integer> stack) {
        // Iterative, so a long chain of workflows cannot overflow the stack.
        ArrayDeque<java.util.Iterator<Integer>> pending = new ArrayDeque<>();
        colour[w] = 1;
        stack.add(w);
        pending.push(calls.get(w).keySet().iterator());
        while (!pending.isEmpty()) {
            var it = pending.peek();
            int from = stack.get(stack.size() - 1);
            if (!it.hasNext()) {
                pending.pop();
                colour[from] = 2;
                stack.remove(stack.size() - 1);
                continue;
            }
            int to = it.next();
            if (colour[to] == 1) {
                List<Integer> loop = new ArrayList<>(stack.subList(stack.indexOf(to), stack.size()));
                StringBuilder text = new StringBuilder();
                for (int i : loop) text.append(workflows.get(i).name()).append(" -> ");
                text.append(workflows.get(to).name());
                Span at = calls.get(from).get(to);
                String name = workflows.get(to).name();
                diagnostics.add(Diagnostic.error(at, loop.size() == 1
                                ? "workflow '" + name + "' calls itself"
                                : "workflow '" + name + "' calls itself through others: " + text,
                        "workflows cannot be recursive (a plan inlines each call); repeat work with `loop` or `for`"));
            } else if (colour[to] == 0) {
                colour[to] = 1;
                stack.add(to);
                pending.push(calls.get(to).keySet().iterator());
            }
        }
    }

    /** A growable list of ints: the visit numbers a statement depends on, repeats allowed until {@link #distinct}. */
    private static final class Ints {
        int[] values = NO_VALUES;
        int size;

        void add(int v) {
            if (size == values.length) values = Arrays.copyOf(values, Math.max(4, size * 2));
            values[size++] = v;
        }

        void addAll(int[] vs) {
            for (int v : vs) add(v);
        }

        void addAll(Ints other) {
            for (int i = 0; i < other.size; i++) add(other.values[i]);
        }

        /** The values, each once, ascending. */
        int[] distinct() {
            int[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int kept = 0;
            for (int i = 0; i < sorted.length; i++) if (kept == 0 || sorted[i] != sorted[kept - 1]) sorted[kept++] = sorted[i];
            return kept == sorted.length ? sorted : Arrays.copyOf(sorted, kept);
        }

        private static final int[] NO_VALUES = new int[0];
    }
}

package dev.orch.interpreter;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.plan.AgentSpec;
import dev.orch.compiler.plan.MockSpec;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.interpreter.store.CallRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What `orch resume` of a changed script will do with each journal entry, told before it starts: replayed (its
 * statement, what that statement reads, the blocks around it, its agent and model are as they were), run again
 * because something it depends on changed (and what), or run again because it failed before. Found from the two
 * plans alone, by place (lined up by {@link PlaceMap}, as the resume rewrites the journal's places); at run time each replay is also checked against the
 * request it would send, so a call whose prompt comes out different anyway (a `read()` of a file that changed)
 * runs again too.
 */
public record ResumeForecast(List<Entry> replayed, List<Entry> again, List<Entry> failed) {
    /** One journal entry: what the script calls it now, and why it runs again (null when replayed). */
    public record Entry(String name, String reason) {}

    // A place's step in one workflow: `main/2.b0.1#0[3]` (see Places and Ctx).
    private static final Pattern STEP = Pattern.compile("^([^/]+)/([^#]*)#(\\d+)((?:\\[\\d+])*)");

    /** Whether some call that has a journaled reply will be made again (and paid for again). */
    public boolean runsAgain() {
        return !again.isEmpty();
    }

    /** {@code journal}: every row of the run, in journal order. */
    public static ResumeForecast of(Plan recorded, Plan now, List<CallRecord> journal) {
        Map<String, List<CallRecord>> byPlace = new LinkedHashMap<>();
        for (CallRecord c : journal) {
            if (c.entry().isPartOfAgentCall()) continue; // replayed with its agent call, or after it
            byPlace.computeIfAbsent(c.entry().place() == null ? c.taskKey() : c.entry().place(), k -> new ArrayList<>()).add(c);
        }
        Judge judge = new Judge(recorded, now);
        List<Entry> replayed = new ArrayList<>();
        List<Entry> again = new ArrayList<>();
        List<Entry> failed = new ArrayList<>();
        for (var e : byPlace.entrySet()) {
            List<CallRecord> rows = e.getValue();
            CallRecord last = rows.getLast();
            Optional<CallRecord> done = rows.stream().filter(c -> c.reply() != null).reduce((a, b) -> b);
            String name = judge.name(e.getKey(), last);
            if (done.isEmpty()) {
                failed.add(new Entry(name, "it failed before (" + last.errorKind() + firstLine(last.error()) + ")"));
                continue;
            }
            String why = last.entry().place() == null ? "it was journaled by an older orch, without a place" : judge.why(e.getKey());
            if (why == null) replayed.add(new Entry(name, null));
            else again.add(new Entry(name, why));
        }
        return new ResumeForecast(List.copyOf(replayed), List.copyOf(again), List.copyOf(failed));
    }

    private static String firstLine(String error) {
        if (error == null || error.isBlank()) return "";
        return ": " + error.lines().findFirst().orElse("");
    }

    /** The forecast as lines for the terminal, two spaces in. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("replayed from the journal: " + count(replayed.size()) + names(replayed));
        if (!again.isEmpty()) {
            out.add("runs again, its journaled reply set aside: " + count(again.size()));
            again.forEach(e -> out.add("  " + e.name() + ": " + e.reason()));
        }
        if (!failed.isEmpty()) {
            out.add("runs again, it failed before: " + count(failed.size()));
            failed.forEach(e -> out.add("  " + e.name() + ": " + e.reason()));
        }
        return out;
    }

    private static String count(int n) {
        return n == 1 ? "1 call" : n + " calls";
    }

    private static String names(List<Entry> entries) {
        if (entries.isEmpty()) return "";
        List<String> names = entries.stream().map(Entry::name).limit(8).toList();
        return " (" + String.join("; ", names) + (entries.size() > 8 ? "; ..." : "") + ")";
    }

    /** Judges places against the two plans, remembering what it found for each statement. */
    private static final class Judge {
        private final Plan recorded;
        private final Plan now;
        private final Map<String, Places> placesNow = new HashMap<>();
        private final Map<String, Places> placesRecorded = new HashMap<>();
        private final Map<String, Optional<String>> statements = new HashMap<>();
        private final Set<String> judging = new HashSet<>();
        private final PlaceMap map;

        Judge(Plan recorded, Plan now) {
            this.recorded = recorded;
            this.now = now;
            this.map = PlaceMap.between(recorded, now);
        }

        /** Why the entry at {@code place} cannot be replayed, or null when it can. */
        String why(String place) {
            String previousCallee = null;
            for (String step : place.split(">")) {
                // A run() of generated source: its workflows are not in the plan; the call of run() decides.
                if ("run".equals(previousCallee)) return null;
                Matcher m = STEP.matcher(step);
                if (!m.find()) return null;
                String workflow = m.group(1);
                String recordedPath = m.group(2);
                int k = Integer.parseInt(m.group(3));
                WorkflowPlan w = now.workflow(workflow);
                WorkflowPlan r = recorded.workflow(workflow);
                if (w == null || r == null) return "workflow " + workflow + (w == null ? " is gone" : " is new");
                String params = PlanDiff.fields(r.params(), w.params());
                if (params != null) return "the parameters of " + workflow + " changed: " + params;
                String path = map.nowPath(workflow, recordedPath);
                Node n = path == null ? null : places(now, workflow).statements().get(path);
                if (n == null) {
                    Node old = places(recorded, workflow).statements().get(recordedPath);
                    return "its statement is gone" + (old == null ? "" : " (" + PlanDiff.where(workflow, old) + ")");
                }
                for (String outer : Places.enclosing(path)) {
                    String why = statement(workflow, outer);
                    if (why != null) return why;
                }
                String why = statement(workflow, path);
                if (why != null) return why;
                List<Expr.Call> calls = places(now, workflow).callsOf(path);
                previousCallee = k < calls.size() ? calls.get(k).callee() : null;
            }
            return null;
        }

        /** What the script calls the entry now: its label, or its statement, with the loop indexes of the place. */
        String name(String place, CallRecord row) {
            if (row.entry().label() != null) return row.entry().label();
            String[] steps = place.split(">");
            Matcher m = STEP.matcher(steps[steps.length - 1]);
            if (!m.find()) return row.taskKey();
            WorkflowPlan w = now.workflow(m.group(1));
            String path = map.nowPath(m.group(1), m.group(2));
            Node n = w == null || path == null ? null : places(now, w.name()).statements().get(path);
            if (n == null) {
                w = recorded.workflow(m.group(1));
                n = w == null ? null : places(recorded, w.name()).statements().get(m.group(2));
            }
            return n == null ? row.taskKey() : PlanDiff.where(w.name(), n) + m.group(4);
        }

        /**
         * Why a statement's outcome may differ now: it changed itself, an agent or model it calls changed, or a
         * statement whose result it reads did; null when none did.
         */
        private String statement(String workflow, String path) {
            String key = workflow + "/" + path;
            Optional<String> known = statements.get(key);
            if (known != null) return known.orElse(null);
            if (!judging.add(key)) return null; // a loop that reads its own result: judged by its other inputs
            String why = judge(workflow, path);
            judging.remove(key);
            statements.put(key, Optional.ofNullable(why));
            return why;
        }

        private String judge(String workflow, String path) {
            Places is = places(now, workflow);
            Node n = is.statements().get(path);
            String recordedPath = map.recordedPath(workflow, path);
            Node old = recordedPath == null ? null : places(recorded, workflow).statements().get(recordedPath);
            if (n == null) return null;
            if (old == null) return PlanDiff.where(workflow, n) + " is new at this place";
            String changed = PlanDiff.statement(old, n);
            if (changed != null) return PlanDiff.where(workflow, n) + ": " + changed;
            for (Expr.Call c : is.callsOf(path)) {
                String agent = agent(c.callee());
                if (agent != null) return agent;
            }
            for (String dep : n.deps()) {
                String depPath = is.pathOf(dep);
                if (depPath == null || depPath.equals(path)) continue;
                if (statement(workflow, depPath) != null || inner(workflow, depPath)) {
                    return "it reads the result of " + PlanDiff.where(workflow, is.statements().get(depPath)) + ", which changed";
                }
            }
            return null;
        }

        /** Whether a statement inside the block at {@code path} changed (a block whose result is read). */
        private boolean inner(String workflow, String path) {
            for (String p : places(now, workflow).statements().keySet()) {
                if (p.startsWith(path + ".") && statement(workflow, p) != null) return true;
            }
            return false;
        }

        /** What changed in an agent and its model that shapes its replies (not its timeout or latency), or null. */
        private String agent(String name) {
            AgentSpec a = recorded.agent(name);
            AgentSpec b = now.agent(name);
            if (a == null && b == null) return null;
            if (a == null || b == null) return "agent " + name + (a == null ? " is new" : " is gone");
            String fields = PlanDiff.fields(replyShaping(a), replyShaping(b));
            if (fields != null) return "agent " + name + ": " + fields;
            ModelSpec x = recorded.model(a.model());
            ModelSpec y = now.model(b.model());
            if (x == null || y == null) return null;
            String model = PlanDiff.fields(replyShaping(x), replyShaping(y));
            return model == null ? null : "model " + y.name() + ": " + model;
        }

        private static Map<String, Object> replyShaping(AgentSpec a) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", a.model());
            m.put("system", a.system());
            m.put("temperature", a.temperature());
            m.put("max_tokens", a.maxTokens());
            m.put("format", a.format());
            m.put("tools", a.tools());
            m.put("output", a.output() == null ? null : a.output().show());
            return m;
        }

        private static Map<String, Object> replyShaping(ModelSpec s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", s.provider());
            m.put("model", s.model());
            m.put("base_url", s.baseUrl());
            m.put("temperature", s.temperature());
            MockSpec mock = s.mock();
            m.put("mock", mock == null ? null : new MockSpec(mock.rules(), null, mock.failFirst(), mock.fail(), mock.failRate(), mock.seed()));
            return m;
        }

        private Places places(Plan plan, String workflow) {
            Map<String, Places> cache = plan == now ? placesNow : placesRecorded;
            return cache.computeIfAbsent(workflow, k -> Places.of(plan.workflow(k)));
        }
    }
}

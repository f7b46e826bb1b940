package dev.orch.cli.render;

import dev.orch.interpreter.store.CallRecord;
import dev.orch.interpreter.store.PhaseEvent;
import dev.orch.interpreter.store.RunRecord;
import dev.orch.interpreter.store.RunStatus;
import dev.orch.interpreter.store.Totals;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * `orch show RUN`: the run's header, then its journal as a tree: each phase (in the order it began), and under it
 * each task (agent call) with its status, when it started relative to the run, how long it took, tokens and cost.
 * A task that took several attempts lists them, with each failure's error. Calls outside any phase come under
 * "(no phase)".
 */
public final class RunTree {
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int ERROR_WIDTH = 110;

    private RunTree() {}

    public static String render(RunRecord run, List<CallRecord> journal, List<PhaseEvent> events, Instant now,
                                ZoneId zone, Path base) {
        StringBuilder out = new StringBuilder();
        header(out, run, events, now, zone, base);
        List<Phase> phases = phases(journal, events);
        if (phases.isEmpty()) {
            out.append("\n(no calls journaled)\n");
            return out.toString();
        }
        List<PhaseEvent> resumes = events.stream().filter(e -> e.kind() == PhaseEvent.Kind.RUN_RESUMED).toList();
        TextTable table = new TextTable(false, false, false, false, true, true, true, true);
        table.row("TASK", "AGENT", "MODEL", "STATUS", "START", "TOOK", "TOKENS", "COST");
        for (Phase phase : phases) {
            Totals spent = Totals.NONE;
            for (CallRecord c : phase.calls()) spent = spent.plus(c);
            Instant start = phase.start();
            Instant end = phase.end();
            table.row(phase.name() == null ? "(no phase)" : "phase \"" + phase.name() + "\"", "", "",
                    phase.name() == null ? "" : phase.status(run.status()),
                    start == null ? "" : Units.offset(Duration.between(run.startedAt(), start)),
                    start == null || end == null ? "" : Units.duration(Duration.between(start, end)),
                    Units.tokens(spent.tokens()), Units.cost(spent.cost()));
            for (List<CallRecord> attempts : tasks(phase.calls())) {
                CallRecord first = attempts.get(0);
                CallRecord last = attempts.get(attempts.size() - 1);
                Totals taskSpent = Totals.NONE;
                for (CallRecord c : attempts) taskSpent = taskSpent.plus(c);
                String status = last.succeeded() ? "ok" : cancelled(last) ? "cancelled" : "failed";
                if (attempts.size() > 1) status += " (" + Units.plural(attempts.size(), "attempt") + ")";
                if (resumes.stream().anyMatch(r -> r.setsAside(last))) status += ", rerun on resume";
                else if (resumes.stream().anyMatch(r -> r.replays(last))) status += ", replayed on resume";
                String label = last.entry().label();
                table.row("  " + last.taskKey() + (label == null ? "" : " " + label), last.agent(), last.model(), status,
                        Units.offset(Duration.between(run.startedAt(), first.startedAt())),
                        Units.duration(Duration.between(first.startedAt(), last.finishedAt())),
                        Units.tokens(taskSpent.tokens()), Units.cost(taskSpent.cost()));
                if (attempts.size() == 1 && !last.succeeded() && !cancelled(last)) table.line("      " + error(last));
                if (attempts.size() > 1) {
                    for (CallRecord a : attempts) {
                        table.row("    attempt " + a.attempt(), "", "", a.succeeded() ? "ok" : cancelled(a) ? "cancelled" : "failed",
                                Units.offset(Duration.between(run.startedAt(), a.startedAt())),
                                Units.duration(Duration.ofMillis(a.ms())), Units.tokens(a.tokensIn() + a.tokensOut()),
                                Units.cost(a.cost()));
                        if (!a.succeeded() && !cancelled(a)) table.line("      " + error(a));
                    }
                }
            }
        }
        out.append('\n');
        table.appendTo(out);
        return out.toString();
    }

    private static void header(StringBuilder out, RunRecord run, List<PhaseEvent> events, Instant now, ZoneId zone,
                               Path base) {
        out.append("run ").append(run.id()).append("  ").append(run.status().label()).append("  ")
                .append(RunsTable.script(run.script(), base)).append('\n');
        Totals t = run.totals();
        out.append("  started ").append(STARTED.withZone(zone).format(run.startedAt())).append(switch (run.status()) {
            case RUNNING -> ", running for ";
            case KILLED -> ", last heard from after ";
            case WAITING -> ", waiting after ";
            case SUCCEEDED, FAILED -> ", took ";
        }).append(Units.duration(run.duration(now))).append('\n');
        out.append("  ").append(Units.plural(t.calls(), "call")).append(", ").append(Units.tokens(t.tokensIn()))
                .append(" tokens in, ").append(Units.tokens(t.tokensOut())).append(" out, ").append(Units.cost(t.cost()))
                .append('\n');
        if (!run.args().isEmpty()) {
            out.append("  args: ").append(run.args().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        }
        for (PhaseEvent e : events) {
            if (e.kind() != PhaseEvent.Kind.RUN_RESUMED) continue;
            out.append("  resumed ").append(Units.offset(Duration.between(run.startedAt(), e.at())))
                    .append(e.name() == null ? "" : " from phase \"" + e.name() + "\"").append('\n');
        }
        if (run.status() == RunStatus.KILLED) {
            out.append("  killed: process ").append(run.pid()).append(" on ").append(run.host())
                    .append(" ended without recording an outcome; `orch resume ").append(run.id())
                    .append("` continues it\n");
        }
        if (run.error() != null) out.append("  error: ").append(Units.oneLine(run.error(), ERROR_WIDTH)).append('\n');
    }

    /** A call stopped before it finished (Ctrl-C, a race's loser, a failing sibling): its status says it, once. */
    private static boolean cancelled(CallRecord c) {
        return "cancelled".equals(c.errorKind());
    }

    private static String error(CallRecord c) {
        return Units.oneLine(c.errorKind() + (c.error() == null ? "" : ": " + c.error()), ERROR_WIDTH);
    }

    /** A phase and its calls, with the phase's latest start and finish (a resume may run it again). */
    private record Phase(String name, List<CallRecord> calls, Instant started, Instant finished, boolean done,
                         String outcome) {
        Instant start() {
            Instant first = calls.stream().map(CallRecord::startedAt).min(Comparator.naturalOrder()).orElse(null);
            if (started == null) return first;
            return first == null || started.isBefore(first) ? started : first;
        }

        Instant end() {
            Instant last = calls.stream().map(CallRecord::finishedAt).max(Comparator.naturalOrder()).orElse(null);
            if (finished == null) return last;
            return last == null || finished.isAfter(last) ? finished : last;
        }

        /** How the phase ended the last time it ran: done, failed, cancelled or waiting; or how the run stands. */
        String status(RunStatus run) {
            if (done) {
                if (outcome == null) return "done";
                return outcome.equals("cancelled") || outcome.equals("waiting") ? outcome : "failed";
            }
            return switch (run) {
                case RUNNING -> "running";
                case KILLED -> "killed";
                case WAITING -> "waiting";
                case FAILED -> "failed";
                case SUCCEEDED -> "done";
            };
        }
    }

    private static List<Phase> phases(List<CallRecord> journal, List<PhaseEvent> events) {
        // Order of first appearance, whether a phase event or a call comes first.
        record Seen(Instant at, long order, String name) {}
        Map<String, Seen> first = new LinkedHashMap<>();
        Map<String, List<CallRecord>> calls = new LinkedHashMap<>();
        Map<String, Instant> started = new LinkedHashMap<>();
        Map<String, Instant> finished = new LinkedHashMap<>();
        Map<String, Boolean> done = new LinkedHashMap<>();
        Map<String, String> outcome = new LinkedHashMap<>();
        long order = 0;
        for (PhaseEvent e : events) {
            if (e.kind() == PhaseEvent.Kind.RUN_RESUMED) continue;
            String key = key(e.name());
            first.putIfAbsent(key, new Seen(e.at(), order++, e.name()));
            if (e.kind() == PhaseEvent.Kind.PHASE_STARTED) {
                started.putIfAbsent(key, e.at());
                done.put(key, false);
            } else {
                finished.put(key, e.at());
                done.put(key, true);
                if (e.outcome() == null) outcome.remove(key); else outcome.put(key, e.outcome());
            }
        }
        for (CallRecord c : journal) {
            if (c.entry().isPartOfAgentCall()) continue; // its turns and tool calls: `orch show RUN TASK`
            String key = key(c.phase());
            Seen seen = first.get(key);
            if (seen == null || c.startedAt().isBefore(seen.at())) first.put(key, new Seen(c.startedAt(), order++, c.phase()));
            calls.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        List<Phase> phases = new ArrayList<>();
        first.values().stream()
                .sorted(Comparator.comparing(Seen::at).thenComparingLong(Seen::order))
                .forEach(s -> {
                    String key = key(s.name());
                    phases.add(new Phase(s.name(), calls.getOrDefault(key, List.of()), started.get(key),
                            finished.get(key), done.getOrDefault(key, false), outcome.get(key)));
                });
        return phases;
    }

    private static String key(String phase) {
        return phase == null ? "\u0000" : phase;
    }

    /** The phase's calls grouped by task, each task's attempts in order; tasks in the order they started. */
    private static List<List<CallRecord>> tasks(List<CallRecord> calls) {
        Map<String, List<CallRecord>> byTask = new LinkedHashMap<>();
        for (CallRecord c : calls) byTask.computeIfAbsent(c.taskKey(), k -> new ArrayList<>()).add(c);
        List<List<CallRecord>> tasks = new ArrayList<>(byTask.values());
        for (List<CallRecord> attempts : tasks) {
            attempts.sort(Comparator.comparingInt(CallRecord::attempt).thenComparingLong(CallRecord::seq));
        }
        tasks.sort(Comparator.comparing((List<CallRecord> a) -> a.get(0).startedAt())
                .thenComparingLong(a -> a.get(0).seq()));
        return tasks;
    }
}

package dev.orch.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.JsonMappers;
import dev.orch.interpreter.store.CallRecord;
import dev.orch.interpreter.store.JournalEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `orch show RUN TASK`: one task of a run in full: what it is (agent and model, or the builtin of an effect), the
 * name the script gives it, its request (system, prompt and options; an effect's arguments), every attempt with
 * its outcome, and the reply (or the last error). `orch show RUN --calls`: every task on one line, prompt and reply
 * abridged. Pure: given the journal's rows.
 */
public final class CallDetail {
    private static final ObjectMapper JSON = JsonMappers.DATA;
    private static final int LINE = 48;

    private CallDetail() {}

    /** The journal's rows grouped by task, in the order the tasks first appear. */
    public static Map<String, List<CallRecord>> byTask(List<CallRecord> journal) {
        Map<String, List<CallRecord>> tasks = new LinkedHashMap<>();
        for (CallRecord c : journal) tasks.computeIfAbsent(c.taskKey(), k -> new ArrayList<>()).add(c);
        return tasks;
    }

    /**
     * The tasks {@code wanted} names: its exact task key, else its exact label, else every task whose key or label
     * starts with it. An agent call that journaled turns but never finished (killed in its tool loop) is a task too.
     */
    public static List<String> find(Map<String, List<CallRecord>> tasks, String wanted) {
        Map<String, String> labels = new LinkedHashMap<>();
        tasks.forEach((key, rows) -> {
            CallRecord first = rows.get(0);
            if (!first.entry().isPartOfAgentCall()) {
                labels.put(key, label(rows));
            } else if (first.entry().kind().equals(JournalEntry.TURN)) {
                String call = key.substring(0, key.lastIndexOf("/t"));
                if (!tasks.containsKey(call)) labels.putIfAbsent(call, first.entry().label());
            }
        });
        if (labels.containsKey(wanted)) return List.of(wanted);
        List<String> labelled = new ArrayList<>();
        List<String> started = new ArrayList<>();
        labels.forEach((key, label) -> {
            if (wanted.equals(label)) labelled.add(key);
            if (key.startsWith(wanted) || label != null && label.startsWith(wanted)) started.add(key);
        });
        return labelled.isEmpty() ? started : labelled;
    }

    /** The turns and tool calls journaled under an agent call's task, in journal order. */
    public static List<CallRecord> partsOf(String task, Map<String, List<CallRecord>> tasks) {
        List<CallRecord> parts = new ArrayList<>();
        tasks.forEach((key, rows) -> {
            if (key.startsWith(task + "/t")) {
                for (CallRecord c : rows) if (c.entry().kind().equals(JournalEntry.TURN) || c.entry().kind().equals(JournalEntry.TOOL)) parts.add(c);
            }
        });
        parts.sort(java.util.Comparator.comparingLong(CallRecord::seq));
        return parts;
    }

    /** An agent call that did not finish: what its tool loop journaled, which `orch resume` replays. */
    public static String renderUnfinished(String task, List<CallRecord> parts) {
        StringBuilder out = new StringBuilder("task ").append(task);
        String label = label(parts);
        if (label != null) out.append("  ").append(label);
        out.append("\n  did not finish (killed, or still running); `orch resume` replays what it journaled:\n");
        turns(out, task, parts);
        return out.toString();
    }

    public static String render(String task, List<CallRecord> attempts) {
        return render(task, attempts, List.of());
    }

    /** As above, with the call's turns and tool calls ({@code parts}, from {@link #partsOf}). */
    public static String render(String task, List<CallRecord> attempts, List<CallRecord> parts) {
        StringBuilder out = new StringBuilder();
        CallRecord last = attempts.get(attempts.size() - 1);
        JsonNode request = request(last);
        boolean agent = last.entry().isAgentCall();
        out.append("task ").append(task);
        String label = label(attempts);
        if (label != null) out.append("  ").append(label);
        out.append('\n');
        if (agent) {
            out.append("  agent ").append(last.agent()).append(", model ").append(last.model());
            String wire = text(request, "model");
            if (wire != null && !wire.equals(last.model())) out.append(" (").append(wire).append(')');
        } else {
            out.append("  ").append(last.entry().kind());
        }
        if (last.phase() != null) out.append(", phase \"").append(last.phase()).append('"');
        out.append('\n');
        if (agent) {
            block(out, "system", text(request, "system"));
            String options = options(request);
            if (!options.isEmpty()) out.append("  options: ").append(options).append('\n');
            block(out, "prompt", text(request, "prompt"));
        } else if (request != null) {
            if (request.has("args")) out.append("  args: ").append(request.get("args")).append('\n');
            if (request.has("options") && !request.get("options").isEmpty()) {
                out.append("  options: ").append(request.get("options")).append('\n');
            }
        }
        if (request == null) out.append("  (the request was not recorded: journaled by an older orch)\n");
        for (CallRecord a : attempts) {
            boolean cancelled = "cancelled".equals(a.errorKind());
            out.append("  attempt ").append(a.attempt()).append(": ").append(a.succeeded() ? "ok" : cancelled ? "cancelled" : "failed")
                    .append(" after ").append(Units.duration(Duration.ofMillis(a.ms())));
            if (agent && (a.succeeded() || a.tokensIn() + a.tokensOut() > 0)) {
                out.append(", ").append(Units.tokens(a.tokensIn())).append(" tokens in, ").append(Units.tokens(a.tokensOut()))
                        .append(" out, ").append(Units.cost(a.cost()));
            }
            if (!a.succeeded() && !cancelled) out.append("\n    ").append(a.errorKind()).append(a.error() == null ? "" : ": " + a.error());
            out.append('\n');
        }
        CallRecord answer = null;
        for (CallRecord a : attempts) if (a.succeeded()) answer = a;
        if (!parts.isEmpty()) turns(out, task, parts);
        if (answer != null) block(out, agent ? "reply" : "result", agent ? answer.reply() : result(answer.reply()));
        return out.toString();
    }

    /** Each turn (what the model asked for, its usage) and under it each tool call (its arguments and outcome). */
    private static void turns(StringBuilder out, String task, List<CallRecord> parts) {
        out.append("  turns:\n");
        for (CallRecord c : parts) {
            JsonNode reply = json(c.reply());
            if (c.entry().kind().equals(JournalEntry.TURN)) {
                int calls = reply == null ? 0 : reply.path("tool_calls").size();
                out.append("    ").append(c.taskKey().substring(task.length() + 1)).append(": ")
                        .append(calls == 0 ? "answered" : "asked for " + Units.plural(calls, "tool call"));
                if (reply != null) {
                    out.append(", ").append(Units.tokens(reply.path("tokens_in").asLong())).append(" tokens in, ")
                            .append(Units.tokens(reply.path("tokens_out").asLong())).append(" out");
                }
                out.append('\n');
            } else {
                JsonNode request = request(c);
                boolean failed = reply != null && reply.path("failed").asBoolean();
                out.append("      ").append(c.taskKey().substring(task.length() + 1)).append(' ')
                        .append(text(request, "tool")).append(' ').append(Units.oneLine(String.valueOf(text(request, "args")), LINE))
                        .append(": ").append(failed ? "error" : "ok").append(" after ").append(Units.duration(Duration.ofMillis(c.ms())))
                        .append('\n');
                if (reply != null) out.append("        ").append(Units.oneLine(reply.path("content").asText(), LINE + 40)).append('\n');
            }
        }
    }

    private static JsonNode json(String text) {
        if (text == null) return null;
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    /** `--calls`: one line a task, in journal order. */
    public static String list(Map<String, List<CallRecord>> tasks) {
        TextTable table = new TextTable(false, false, false, false, false);
        table.row("TASK", "AGENT", "STATUS", "PROMPT", "REPLY");
        tasks.forEach((task, attempts) -> {
            if (attempts.get(0).entry().isPartOfAgentCall()) return; // `orch show RUN TASK` lists them with their call
            CallRecord last = attempts.get(attempts.size() - 1);
            JsonNode request = request(last);
            boolean agent = last.entry().isAgentCall();
            String label = label(attempts);
            String asked = agent ? text(request, "prompt") : request == null ? null : String.valueOf(request.get("args"));
            boolean cancelled = "cancelled".equals(last.errorKind());
            String got = last.succeeded() ? (agent ? last.reply() : result(last.reply()))
                    : cancelled ? "" : last.errorKind() + (last.error() == null ? "" : ": " + last.error());
            String status = last.succeeded() ? "ok" : cancelled ? "cancelled" : "failed";
            if (attempts.size() > 1) status += " (" + Units.plural(attempts.size(), "attempt") + ")";
            table.row(label == null ? task : task + " " + label, last.agent(), status,
                    asked == null ? "-" : Units.oneLine(asked, LINE), got == null ? "" : Units.oneLine(got, LINE));
        });
        StringBuilder out = new StringBuilder();
        table.appendTo(out);
        return out.toString();
    }

    private static String label(List<CallRecord> attempts) {
        for (CallRecord a : attempts) if (a.entry().label() != null) return a.entry().label();
        return null;
    }

    private static JsonNode request(CallRecord c) {
        if (c.entry().request() == null) return null;
        try {
            return JSON.readTree(c.entry().request());
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode request, String field) {
        return request == null || !request.hasNonNull(field) ? null : request.get(field).asText();
    }

    private static String options(JsonNode request) {
        if (request == null) return "";
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (List.of("model", "system", "prompt").contains(f.getKey())) continue;
            parts.add(f.getKey() + " " + (f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
        }
        return String.join(", ", parts);
    }

    /** An effect's result, journaled as JSON: text shows as itself, null as nothing. */
    private static String result(String json) {
        if (json == null) return null;
        try {
            JsonNode v = JSON.readTree(json);
            return v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
        } catch (Exception e) {
            return json;
        }
    }

    private static void block(StringBuilder out, String name, String text) {
        if (text == null) return;
        out.append("  ").append(name).append(":\n");
        String shown = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : shown.split("\n", -1)) out.append("    ").append(line).append('\n');
    }
}

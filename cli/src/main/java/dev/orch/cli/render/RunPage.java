package dev.orch.cli.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.JsonMappers;
import dev.orch.interpreter.store.CallRecord;
import dev.orch.interpreter.store.RunRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * `orch show RUN --html FILE`: one self-contained page (inline CSS, script and SVG; nothing fetched) with the run's
 * timeline, a lane per task and a bar per attempt coloured by how it ended, each attempt's request and reply on click,
 * and the totals by phase and by model. The journal travels as JSON inside the page; the script draws it and puts
 * every text from the run into the page as text, never as markup, so a hostile reply cannot run script in it.
 */
public final class RunPage {
    private static final ObjectMapper JSON = JsonMappers.DATA;

    private RunPage() {}

    /** The page for {@code run} and its journal, as of {@code now} (for a run still going or waiting). */
    public static String render(RunRecord run, List<CallRecord> journal, Instant now) {
        return PageTemplate.fill(PageTemplate.load("run-page.html"), List.of(
                Map.entry("/*TITLE*/", PageTemplate.html("orch run " + run.id() + " (" + run.status().label() + ")")),
                Map.entry("<!--TOTALS-->", totals(journal)),
                Map.entry("/*DATA*/", data(run, journal, now))));
    }

    private static String data(RunRecord run, List<CallRecord> journal, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode r = root.putObject("run");
        r.put("id", run.id());
        r.put("script", run.script());
        r.put("status", run.status().label());
        r.put("started", run.startedAt().toString());
        r.put("took_ms", run.duration(now).toMillis());
        r.put("calls", run.totals().calls());
        r.put("tokens_in", run.totals().tokensIn());
        r.put("tokens_out", run.totals().tokensOut());
        r.put("cost", run.totals().cost());
        if (run.error() != null) r.put("error", run.error());
        ArrayNode calls = root.putArray("calls");
        Map<String, Integer> lastAttempt = new LinkedHashMap<>();
        for (CallRecord c : journal) lastAttempt.merge(c.taskKey(), c.attempt(), Math::max);
        for (CallRecord c : journal) {
            ObjectNode n = calls.addObject();
            n.put("task", c.taskKey());
            if (c.entry().label() != null) n.put("label", c.entry().label());
            n.put("kind", c.entry().kind());
            n.put("agent", c.agent());
            n.put("model", c.model());
            if (c.phase() != null) n.put("phase", c.phase());
            n.put("attempt", c.attempt());
            n.put("status", status(c, lastAttempt.get(c.taskKey())));
            if (c.errorKind() != null) {
                n.put("error_kind", c.errorKind());
                n.put("error", c.error());
            }
            n.put("start_ms", Math.max(0, c.startedAt().toEpochMilli() - run.startedAt().toEpochMilli()));
            n.put("ms", c.ms());
            n.put("tokens_in", c.tokensIn());
            n.put("tokens_out", c.tokensOut());
            n.put("cost", c.cost());
            if (c.entry().request() != null) n.put("request", c.entry().request());
            if (c.reply() != null) n.put("reply", c.reply());
        }
        return PageTemplate.json(root);
    }

    /** ok, failed, retried (a failed attempt that a later attempt followed) or cancelled. */
    static String status(CallRecord c, int lastAttempt) {
        if (c.succeeded()) return "ok";
        if ("cancelled".equals(c.errorKind())) return "cancelled";
        return c.attempt() < lastAttempt ? "retried" : "failed";
    }

    /** The totals by phase and by model, in the page itself, so they read without the script. */
    private static String totals(List<CallRecord> journal) {
        Map<String, long[]> phases = new LinkedHashMap<>();
        Map<String, long[]> models = new LinkedHashMap<>();
        Map<String, Double> phaseCost = new LinkedHashMap<>();
        Map<String, Double> modelCost = new LinkedHashMap<>();
        for (CallRecord c : journal) {
            String phase = c.phase() == null ? "(no phase)" : c.phase();
            String model = c.entry().isAgentCall() ? c.model() : c.agent() + " (effect)";
            add(phases, phaseCost, phase, c);
            add(models, modelCost, model, c);
        }
        return table("by phase", "phase", phases, phaseCost) + table("by model", "model", models, modelCost);
    }

    private static void add(Map<String, long[]> rows, Map<String, Double> cost, String key, CallRecord c) {
        long[] row = rows.computeIfAbsent(key, k -> new long[4]);
        row[0]++;
        if (!c.succeeded()) row[1]++;
        row[2] += c.tokensIn();
        row[3] += c.tokensOut();
        cost.merge(key, c.cost(), Double::sum);
    }

    private static String table(String caption, String what, Map<String, long[]> rows, Map<String, Double> cost) {
        StringBuilder t = new StringBuilder("<table class=\"totals\"><caption>").append(caption).append("</caption>")
                .append("<tr><th>").append(what).append("</th><th>attempts</th><th>failed</th><th>tokens in</th>")
                .append("<th>tokens out</th><th>cost</th></tr>");
        rows.forEach((key, row) -> t.append("<tr><td>").append(PageTemplate.html(key)).append("</td><td>").append(row[0])
                .append("</td><td>").append(row[1]).append("</td><td>").append(row[2]).append("</td><td>").append(row[3])
                .append("</td><td>").append(String.format(Locale.ROOT, "$%.6f", cost.get(key))).append("</td></tr>"));
        if (rows.isEmpty()) t.append("<tr><td colspan=\"6\">no calls journaled</td></tr>");
        return t.append("</table>").toString();
    }
}

package dev.orch.compiler.plan;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.TypeExpr;
import dev.orch.compiler.lang.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan's models, agents and breakers written back as declarations, so that source compiled at run time by
 * `run()` is checked against its caller's declarations. This is the one place that goes from a plan back to the
 * AST: a run may come from a plan file, with no AST at hand, and the plan is lossless for these declarations.
 * Agents come out with `extends` already applied; each declaration keeps the span of the original.
 */
public final class PlanDeclarations {
    private PlanDeclarations() {}

    public static Program of(Plan plan) {
        List<Decl> decls = new ArrayList<>();
        for (ModelSpec m : plan.models()) decls.add(model(m));
        if (plan.breakers() != null) for (BreakerSpec b : plan.breakers()) decls.add(breaker(b));
        for (McpSpec m : plan.mcpServers()) decls.add(mcp(m));
        for (AgentSpec a : plan.agents()) decls.add(agent(a));
        return new Program(plan.source() == null ? "caller.orch" : plan.source().path(), decls);
    }

    /** The files the plan's declarations came from: the caller's script and its imports. */
    public static List<String> files(Plan plan) {
        List<String> files = new ArrayList<>();
        plan.models().forEach(m -> files.add(m.span().file()));
        plan.agents().forEach(a -> files.add(a.span().file()));
        if (plan.breakers() != null) plan.breakers().forEach(b -> files.add(b.span().file()));
        plan.mcpServers().forEach(m -> files.add(m.span().file()));
        return files.stream().distinct().toList();
    }

    private static Decl.Model model(ModelSpec m) {
        Span s = m.span();
        List<Expr> args = m.model() == null ? List.of() : List.of(new Expr.Text(s, m.model()));
        List<Expr.Option> o = new ArrayList<>();
        option(o, s, "base_url", text(s, m.baseUrl()));
        option(o, s, "api_key_env", text(s, m.apiKeyEnv()));
        option(o, s, "max_concurrency", num(s, m.maxConcurrency()));
        option(o, s, "rpm", num(s, m.rpm()));
        option(o, s, "tpm", num(s, m.tpm()));
        option(o, s, "temperature", num(s, m.temperature()));
        option(o, s, "price_in", num(s, m.priceIn()));
        option(o, s, "price_out", num(s, m.priceOut()));
        option(o, s, "price_cache_write", num(s, m.priceCacheWrite()));
        option(o, s, "price_cache_read", num(s, m.priceCacheRead()));
        option(o, s, "max_reply_mb", num(s, m.maxReplyMb()));
        option(o, s, "timeout", duration(s, m.timeoutMs()));
        option(o, s, "idle_timeout", duration(s, m.idleTimeoutMs()));
        MockSpec mock = m.mock();
        if (mock != null) {
            if (mock.rules() != null && !mock.rules().isEmpty()) {
                List<Entry> rules = mock.rules().stream().map(r -> new Entry(r.pattern(), s, reply(s, r))).toList();
                option(o, s, "rules", new Expr.MapOf(s, rules));
            }
            option(o, s, "latency", duration(s, mock.latencyMs()));
            option(o, s, "fail_first", num(s, mock.failFirst()));
            option(o, s, "fail", text(s, mock.fail()));
            option(o, s, "fail_rate", num(s, mock.failRate()));
            option(o, s, "seed", num(s, mock.seed()));
        }
        return new Decl.Model(s, m.name(), s, m.provider(), s, args, o);
    }

    private static Decl.Agent agent(AgentSpec a) {
        Span s = a.span();
        List<Entry> e = new ArrayList<>();
        entry(e, s, "model", a.model() == null ? null : new Expr.Name(s, a.model()));
        entry(e, s, "system", text(s, a.system()));
        entry(e, s, "temperature", num(s, a.temperature()));
        entry(e, s, "max_tokens", num(s, a.maxTokens()));
        entry(e, s, "format", text(s, a.format()));
        entry(e, s, "timeout", duration(s, a.timeoutMs()));
        entry(e, s, "breaker", a.breaker() == null ? null : new Expr.Name(s, a.breaker()));
        entry(e, s, "tools", a.tools().isEmpty() ? null : ToolNames.list(s, a.tools()));
        entry(e, s, "max_turns", num(s, a.maxTurns()));
        return new Decl.Agent(s, a.name(), s, null, null, e, a.output() == null ? null : type(s, a.output()), a.output() == null ? null : s);
    }

    /** A resolved type written out in full, declared names expanded: the plan holds no `type` declarations. */
    private static TypeExpr type(Span s, DataType t) {
        return switch (t) {
            case DataType.ListOf l -> new TypeExpr.ListOf(s, type(s, l.item()));
            case DataType.Nullable n -> new TypeExpr.Nullable(s, type(s, n.inner()));
            case DataType.Union u -> new TypeExpr.Union(s, u.literals());
            case DataType.Obj o -> new TypeExpr.Obj(s, o.fields().stream()
                    .map(f -> new TypeExpr.Field(f.name(), s, f.optional(), type(s, f.type()))).toList());
            case DataType.Reply r -> type(s, r.value());
            case DataType.MapOf m -> new TypeExpr.Named(s, "map");
            default -> new TypeExpr.Named(s, t.show());
        };
    }

    private static Decl.Breaker breaker(BreakerSpec b) {
        Span s = b.span();
        List<Entry> e = new ArrayList<>();
        entry(e, s, "failures", num(s, b.failures()));
        entry(e, s, "window", duration(s, b.windowMs()));
        entry(e, s, "cooldown", duration(s, b.cooldownMs()));
        return new Decl.Breaker(s, b.name(), s, e);
    }

    private static Expr reply(Span s, MockSpec.Rule r) {
        if (r.turns().isEmpty()) return new Expr.Text(s, r.reply());
        List<Expr> turns = new ArrayList<>();
        for (MockSpec.Turn t : r.turns()) {
            if (t.calls().isEmpty()) {
                turns.add(new Expr.Text(s, t.text()));
            } else {
                List<Expr> calls = t.calls().stream().map(c -> (Expr) new Expr.MapOf(s, List.of(new Entry("call", s, new Expr.Text(s, c.tool())),
                        new Entry("args", s, literal(s, c.args()))))).toList();
                turns.add(calls.size() == 1 ? calls.get(0) : new Expr.ListOf(s, calls));
            }
        }
        return new Expr.ListOf(s, turns);
    }

    private static Expr literal(Span s, com.fasterxml.jackson.databind.JsonNode j) {
        if (j.isTextual()) return new Expr.Text(s, j.asText());
        if (j.isNumber()) return new Expr.Num(s, j.asDouble());
        if (j.isBoolean()) return new Expr.Bool(s, j.asBoolean());
        if (j.isArray()) {
            List<Expr> items = new ArrayList<>();
            j.forEach(i -> items.add(literal(s, i)));
            return new Expr.ListOf(s, items);
        }
        if (j.isObject()) {
            List<Entry> entries = new ArrayList<>();
            j.fields().forEachRemaining(f -> entries.add(new Entry(f.getKey(), s, literal(s, f.getValue()))));
            return new Expr.MapOf(s, entries);
        }
        return new Expr.Null(s);
    }

    private static Decl.Mcp mcp(McpSpec m) {
        Span s = m.span();
        List<Entry> e = new ArrayList<>();
        entry(e, s, "command", text(s, m.command()));
        if (m.args() != null) entry(e, s, "args", new Expr.ListOf(s, m.args().stream().<Expr>map(a -> new Expr.Text(s, a)).toList()));
        entry(e, s, "env", textMap(s, m.env()));
        entry(e, s, "cwd", text(s, m.cwd()));
        entry(e, s, "url", text(s, m.url()));
        entry(e, s, "headers", textMap(s, m.headers()));
        return new Decl.Mcp(s, m.name(), s, e);
    }

    private static Expr textMap(Span s, java.util.Map<String, String> values) {
        if (values == null) return null;
        return new Expr.MapOf(s, values.entrySet().stream().map(v -> new Entry(v.getKey(), s, new Expr.Text(s, v.getValue()))).toList());
    }

    private static void option(List<Expr.Option> options, Span s, String name, Expr value) {
        if (value != null) options.add(new Expr.Option(name, s, value));
    }

    private static void entry(List<Entry> entries, Span s, String key, Expr value) {
        if (value != null) entries.add(new Entry(key, s, value));
    }

    private static Expr text(Span s, String value) {
        return value == null ? null : new Expr.Text(s, value);
    }

    private static Expr num(Span s, Number value) {
        return value == null ? null : new Expr.Num(s, value.doubleValue());
    }

    private static Expr duration(Span s, Long millis) {
        return millis == null ? null : new Expr.Duration(s, millis);
    }
}

package dev.orch.cli.lsp;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.check.Declarations;
import dev.orch.compiler.check.LocalTypes;
import dev.orch.compiler.format.AstPrinter;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.DataType;
import dev.orch.compiler.lang.ReplyField;
import dev.orch.compiler.plan.AgentSpec;
import dev.orch.compiler.plan.Estimate;
import dev.orch.compiler.plan.Estimator;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What hovering a name shows, in Markdown: a local's type, an agent's model and tools, a model's provider, a
 * workflow's signature and estimate, a builtin's signature, and for a call of an agent or workflow, that call's
 * estimated calls, tokens and cost (the estimator's worst case, as `orch plan` counts it).
 */
final class Hovers {
    private Hovers() {}

    static String of(Analysis analysis, Occurrence at) {
        return switch (at.symbol()) {
            case Symbol.Local l -> "`" + l.name() + "`: " + analysis.type(l.scope(), l.name()).show();
            case Symbol.Builtin b -> {
                Builtin builtin = Builtin.find(b.name());
                yield "```orch\n" + builtin.signature() + "\n```\n" + builtin.summary + " (returns " + builtin.result.describe() + ")";
            }
            case Symbol.File f -> "imports `" + f.name() + "`";
            case Symbol.Field f -> "`" + f.target() + "." + f.name() + "`: " + field(analysis.type(f.scope(), f.target()), f.name());
            case Symbol.Global g -> {
                String text = global(analysis, g);
                yield at.call() == null ? text : text + "\n\n" + call(analysis, at);
            }
        };
    }

    /** A field's type as the target's type gives it: a declared type's field (`?` when optional) or a reply's. */
    static String field(DataType target, String name) {
        if (target.value() instanceof DataType.Obj o && o.field(name) != null) {
            DataType.Field f = o.field(name);
            return f.type().show() + (f.optional() ? " (optional)" : "") + (o.name() == null ? "" : ", a field of " + o.name());
        }
        ReplyField reply = target instanceof DataType.Reply || target.kind() == dev.orch.compiler.lang.Type.REPLY ? ReplyField.find(name) : null;
        return reply != null ? reply.type.describe() + ", from the reply" : "any";
    }

    private static String global(Analysis analysis, Symbol.Global g) {
        Declarations declarations = LocalTypes.declarations(analysis.compilation.programs());
        Declarations.Global found = declarations.find(g.name());
        Plan plan = analysis.compilation.plan();
        if (found == null) return g.kind().article + " `" + g.name() + "` (declared in a test)";
        return switch (found.decl()) {
            case Decl.Agent a -> agent(a, plan == null ? null : plan.agent(a.name()));
            case Decl.Model m -> model(m, plan == null ? null : plan.model(m.name()));
            case Decl.Workflow w -> workflow(w, plan == null ? null : plan.workflow(w.name()));
            case Decl.Type t -> "```orch\ntype " + t.name() + " " + AstPrinter.print(t.body()) + "\n```";
            case Decl.Mcp m -> "**mcp** `" + m.name() + "`: an MCP server " + entries(m.entries());
            case Decl.Breaker b -> "**breaker** `" + b.name() + "` " + entries(b.entries());
            default -> g.kind().article + " `" + g.name() + "`";
        };
    }

    private static String agent(Decl.Agent a, AgentSpec spec) {
        List<String> lines = new ArrayList<>();
        lines.add("**agent** `" + a.name() + "`" + (a.parent() == null ? "" : " extends `" + a.parent() + "`"));
        if (spec != null) {
            lines.add("model: `" + (spec.model() == null ? "none" : spec.model()) + "`");
            if (!spec.tools().isEmpty()) lines.add("tools: " + spec.tools().stream().map(t -> "`" + t + "`").collect(Collectors.joining(", ")));
            if (spec.output() != null) lines.add("output: `" + spec.output().show() + "`");
            if (spec.maxTokens() != null) lines.add("max_tokens: " + spec.maxTokens());
        } else {
            for (Entry e : a.entries()) {
                if (List.of("model", "tools").contains(e.key())) lines.add(e.key() + ": `" + AstPrinter.print(e.value()) + "`");
            }
            if (a.output() != null) lines.add("output: `" + AstPrinter.print(a.output()) + "`");
        }
        return String.join("\n\n", lines);
    }

    private static String model(Decl.Model m, ModelSpec spec) {
        String head = "**model** `" + m.name() + "` = `" + m.provider() + "`";
        if (spec == null) return head;
        List<String> parts = new ArrayList<>();
        if (spec.model() != null) parts.add("model id `" + spec.model() + "`");
        if (spec.priceIn() != null) parts.add("$" + spec.priceIn() + " per million tokens in");
        if (spec.priceOut() != null) parts.add("$" + spec.priceOut() + " out");
        return parts.isEmpty() ? head : head + "\n\n" + String.join(", ", parts);
    }

    private static String workflow(Decl.Workflow w, WorkflowPlan plan) {
        String params = w.params().stream()
                .map(p -> p.name() + (p.type() == null ? "" : ": " + AstPrinter.print(p.type())))
                .collect(Collectors.joining(", "));
        String signature = (w.isTool() ? "tool " : "workflow ") + w.name() + "(" + params + ")"
                + (w.returns() == null ? "" : " -> " + AstPrinter.print(w.returns()));
        String text = "```orch\n" + signature + "\n```";
        if (w.isTool() && w.tool().description() != null) text += "\n" + w.tool().description();
        if (plan != null && plan.estimate() != null) text += "\n\nestimate: " + estimate(plan.estimate());
        return text;
    }

    private static String call(Analysis analysis, Occurrence at) {
        Plan plan = analysis.plan(at.scope());
        if (plan == null || at.scope() == null) return "this call: no estimate while the script has errors";
        return "this call: " + estimate(Estimator.call(plan, at.scope(), at.call()));
    }

    /** `1 call, at most 1,224 tokens, $0.0012`, as `orch plan` words its estimate. */
    static String estimate(Estimate e) {
        String calls = e.callsMin() == e.callsMax() ? e.callsMax() + (e.callsMax() == 1 ? " call" : " calls")
                : e.callsMin() + " to " + e.callsMax() + " calls";
        return calls + ", at most " + String.format(Locale.ROOT, "%,d", e.tokensMax()) + " tokens, $" + Estimator.money(e.costMax());
    }

    private static String entries(List<Entry> entries) {
        return entries.stream().map(e -> e.key() + ": " + AstPrinter.print(e.value())).collect(Collectors.joining(", ", "{ ", " }"));
    }
}

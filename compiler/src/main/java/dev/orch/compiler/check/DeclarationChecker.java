package dev.orch.compiler.check;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.lang.Key;
import dev.orch.compiler.lang.DataType;
import dev.orch.compiler.lang.JsonSchema;
import dev.orch.compiler.lang.Keys;
import dev.orch.compiler.lang.ReplyField;
import dev.orch.compiler.lang.Provider;
import dev.orch.compiler.lang.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Models, agents, breakers, the budget and workflow parameters: known providers, known keys with constant values
 * of the right kind, required keys present, and `extends` naming a known agent without going in a circle.
 */
final class DeclarationChecker {

    private final Declarations declarations;
    private final Usage usage;
    private final Diagnostics diagnostics;
    private final Values values;

    DeclarationChecker(Declarations declarations, Usage usage, Diagnostics diagnostics) {
        this.declarations = declarations;
        this.usage = usage;
        this.diagnostics = diagnostics;
        this.values = new Values(declarations, usage, diagnostics);
    }

    void check() {
        for (Declarations.Global g : declarations.all()) {
            if (g.decl() instanceof Decl.Model m) {
                model(m);
            } else if (g.decl() instanceof Decl.Agent a) {
                agent(a);
            } else if (g.decl() instanceof Decl.Breaker b) {
                entries("breaker", b.name(), b.span(), b.entries(), Keys.BREAKER, true);
            } else if (g.decl() instanceof Decl.Mcp m) {
                entries("mcp server", m.name(), m.span(), m.entries(), Keys.MCP, false);
            } else if (g.decl() instanceof Decl.Workflow w) {
                params(w);
                if (w.returns() != null) declarations.types().resolve(w.returns(), diagnostics);
            } else if (g.decl() instanceof Decl.Type t) {
                declarations.types().checkDeclaration(t, diagnostics);
            }
        }
        for (Decl.Budget b : declarations.budgets()) entries("budget", null, b.span(), b.entries(), Keys.BUDGET, true);
    }

    private void model(Decl.Model m) {
        Provider provider = Provider.find(m.provider());
        if (provider == null) {
            List<String> known = Arrays.stream(Provider.values()).map(p -> p.word).toList();
            diagnostics.error(m.providerSpan(), "unknown provider '" + m.provider() + "'",
                    Suggest.didYouMean(m.provider(), known, "the providers are " + Suggest.allOf(known)));
            return;
        }
        if (provider.takesModelId) {
            if (m.args().isEmpty()) {
                diagnostics.error(m.providerSpan(), provider.word + " needs a model id",
                        "name the model in quotes: " + provider.word + "(\"" + exampleModel(provider) + "\")");
            } else if (!(m.args().get(0) instanceof Expr.Text)) {
                diagnostics.error(m.args().get(0).span(), "a model id must be plain text in quotes",
                        "write it as " + provider.word + "(\"" + exampleModel(provider) + "\")");
            }
            if (m.args().size() > 1) {
                diagnostics.error(m.args().get(1).span(), provider.word + " takes one model id, then named options",
                        "write options with their names: " + provider.word + "(\"" + exampleModel(provider) + "\", rpm: 60)");
            }
        } else if (!m.args().isEmpty()) {
            diagnostics.error(m.args().get(0).span(), provider.word + " takes no model id, only named options",
                    "write options with their names: mock(latency: 20ms, rules: { \"hello\": \"hi\" })");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Expr.Option o : m.options()) {
            Key key = Keys.find(provider.options, o.name());
            if (!seen.add(o.name())) {
                diagnostics.error(o.span(), "'" + o.name() + "' is given twice", "keep one of them");
            } else if (key == null) {
                diagnostics.error(o.span(), "unknown option '" + o.name() + "' for " + provider.word,
                        Suggest.didYouMean(o.name(), Keys.names(provider.options),
                                provider.word + " accepts " + Suggest.oneOf(Keys.names(provider.options))));
            } else {
                values.checkConstant(key, o.value());
            }
        }
    }

    private static String exampleModel(Provider p) {
        return switch (p) {
            case ANTHROPIC -> "claude-sonnet-4-5";
            case OLLAMA -> "llama3.2";
            default -> "gpt-4o";
        };
    }

    private void agent(Decl.Agent a) {
        entries("agent", a.name(), a.span(), a.entries(), Keys.AGENT, false);
        if (a.output() != null) output(a);
        if (a.parent() != null) {
            Declarations.Global parent = declarations.find(a.parent());
            if (parent == null || parent.kind() != Declarations.Kind.AGENT) {
                List<String> agents = declarations.names(Declarations.Kind.AGENT).stream().filter(n -> !n.equals(a.name())).toList();
                String suggestion = Suggest.closest(a.parent(), agents);
                if (suggestion != null) usage.use(suggestion);
                String otherwise = parent == null ? "declare the agent it extends: agent " + a.parent() + " { model: ... }"
                        : agents.isEmpty() ? "give it its own keys instead: agent " + a.name() + " { model: ... }"
                        : "the agents are " + Suggest.allOf(agents);
                diagnostics.error(a.parentSpan(), parent == null ? "unknown agent '" + a.parent() + "' to extend"
                                : "'" + a.parent() + "' is " + parent.article() + "; an agent can only extend an agent",
                        suggestion != null ? "did you mean '" + suggestion + "'?" : otherwise);
                return;
            }
            usage.use(a.parent());
            List<String> cycle = extendsCycle(a);
            if (cycle != null) {
                // Report a cycle once, at the agent that comes first in it by name.
                if (cycle.get(0).equals(a.name())) {
                    if (cycle.size() == 2) {
                        diagnostics.error(a.parentSpan(), "agent '" + a.name() + "' extends itself", "remove `extends " + a.name() + "`");
                    } else {
                        diagnostics.error(a.parentSpan(), "agents extend each other in a circle: " + String.join(" extends ", cycle),
                                "one of them must stand alone; remove one `extends`");
                    }
                }
                return;
            }
        }
        // Reported once, at the agent the chain starts from: a model there serves every agent extending it.
        if (a.parent() == null && a.entries().stream().noneMatch(e -> e.key().equals("model"))) {
            List<String> models = declarations.names(Declarations.Kind.MODEL);
            diagnostics.error(a.nameSpan(), "agent '" + a.name() + "' has no model",
                    "add `model: NAME` naming a declared model" + (models.isEmpty() ? ", after declaring one: model fast = mock()"
                            : ", such as model: " + models.get(0)));
        }
    }

    /**
     * `output: T`: the type must resolve; a field named like a reply's own (`cost`) hides that one, so say so; a part
     * of no known shape (`any`, `map`) keeps an OpenAI-compatible model from being held to the type (decision 2).
     */
    private void output(Decl.Agent a) {
        long errors = diagnostics.errorCount();
        DataType type = declarations.types().resolve(a.output(), diagnostics);
        // An unknown name resolves to `any` after its error: that is no reason for a second message.
        if (diagnostics.errorCount() == errors && !JsonSchema.strict(type) && servedByOpenAi(a, 0)) {
            diagnostics.warning(a.outputSpan(), "the output type has a part of no known shape (any or map), so the"
                            + " OpenAI-compatible model is asked for it without strict: it may answer off the type",
                    "the reply is still checked against the type; give every part a type to hold the model to it");
        }
        if (type instanceof DataType.Obj o) {
            for (DataType.Field f : o.fields()) {
                if (ReplyField.find(f.name()) != null) {
                    diagnostics.warning(a.outputSpan(), "the output's field '" + f.name() + "' hides the reply's own ." + f.name(),
                            "the field wins: r." + f.name() + " reads the model's value; rename the field to keep the reply's");
                }
            }
        }
    }

    /** Whether the agent's model, its own or one it inherits, is an OpenAI-compatible provider (openai, ollama). */
    private boolean servedByOpenAi(Decl.Agent a, int depth) {
        for (Entry e : a.entries()) {
            if (!e.key().equals("model")) continue;
            return e.value() instanceof Expr.Name n && declarations.find(n.name()) instanceof Declarations.Global g
                    && g.decl() instanceof Decl.Model m && (m.provider().equals("openai") || m.provider().equals("ollama"));
        }
        if (a.parent() == null || depth > 32) return false;
        return declarations.find(a.parent()) instanceof Declarations.Global g && g.decl() instanceof Decl.Agent parent
                && servedByOpenAi(parent, depth + 1);
    }

    /** The cycle `a extends b extends a` when following parents from {@code a} comes back to it, rotated to its least name. */
    private List<String> extendsCycle(Decl.Agent start) {
        List<String> path = new ArrayList<>();
        Decl.Agent current = start;
        while (current != null) {
            int at = path.indexOf(current.name());
            if (at >= 0) {
                List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
                if (!cycle.contains(start.name())) return null;
                int least = cycle.indexOf(cycle.stream().sorted().findFirst().orElseThrow());
                List<String> rotated = new ArrayList<>(cycle.subList(least, cycle.size()));
                rotated.addAll(cycle.subList(0, least));
                rotated.add(rotated.get(0));
                return rotated;
            }
            path.add(current.name());
            current = current.parent() == null ? null
                    : declarations.find(current.parent(), Declarations.Kind.AGENT) instanceof Declarations.Global g
                    ? (Decl.Agent) g.decl() : null;
        }
        return null;
    }

    private void entries(String what, String name, Span span, List<Entry> entries, List<Key> keys, boolean checkRequired) {
        Map<String, Entry> seen = new HashMap<>();
        for (Entry e : entries) {
            Key key = Keys.find(keys, e.key());
            Entry first = seen.putIfAbsent(e.key(), e);
            if (first != null) {
                diagnostics.error(e.keySpan(), "'" + e.key() + "' is set twice; the first is at " + first.keySpan().position(),
                        "keep one of them");
            } else if (key == null) {
                diagnostics.error(e.keySpan(), "unknown key '" + e.key() + "' for " + (name == null ? "the budget" : what + " '" + name + "'"),
                        Suggest.didYouMean(e.key(), Keys.names(keys), (what.startsWith("a") || what.startsWith("mcp") ? "an " : "a ") + what + " accepts "
                                + Suggest.oneOf(Keys.names(keys))));
            } else {
                values.checkConstant(key, e.value());
            }
        }
        if (!checkRequired) return;
        List<String> missing = keys.stream().filter(Key::required).map(Key::name).filter(k -> !seen.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            diagnostics.error(span, (name == null ? "the " + what : what + " '" + name + "'") + " is missing "
                            + Suggest.allOf(missing.stream().map(k -> "'" + k + "'").toList()),
                    "a " + what + " needs " + Suggest.allOf(keys.stream().filter(Key::required).map(Key::name).toList())
                            + (what.equals("breaker") ? ": breaker " + name + " { failures: 3, window: 1m, cooldown: 30s }" : ""));
        }
    }

    private void params(Decl.Workflow w) {
        Map<String, Decl.Param> seen = new HashMap<>();
        for (Decl.Param p : w.params()) {
            Decl.Param first = seen.putIfAbsent(p.name(), p);
            if (first != null) {
                diagnostics.error(p.span(), "parameter '" + p.name() + "' is declared twice; the first is at " + first.span().position(),
                        "give each parameter its own name");
            }
            Declarations.Global clash = declarations.find(p.name());
            if (clash != null) {
                diagnostics.error(p.span(), "parameter '" + p.name() + "' has the name of " + clash.article() + " (at "
                        + Declarations.where(clash.nameSpan(), p.span()) + ")", "choose another name for the parameter");
            }
            if (p.type() != null) declarations.types().resolve(p.type(), diagnostics, " for parameter '" + p.name() + "'");
        }
    }
}

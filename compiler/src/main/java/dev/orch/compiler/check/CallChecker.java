package dev.orch.compiler.check;

import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.Capability;
import dev.orch.compiler.lang.Key;
import dev.orch.compiler.lang.Keys;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls: how many positional arguments each takes (an agent exactly one prompt), which named options it accepts,
 * and whether a builtin needs a capability the run was not given (`sh` without `--allow shell`).
 */
final class CallChecker {
    private final Declarations declarations;
    private final CompileOptions options;
    private final Diagnostics diagnostics;

    CallChecker(Declarations declarations, CompileOptions options, Diagnostics diagnostics) {
        this.declarations = declarations;
        this.options = options;
        this.diagnostics = diagnostics;
    }

    void check(Decl.Workflow workflow) {
        AstWalk.expressions(workflow.body(), e -> {
            if (e instanceof Expr.Call c) call(c);
        });
    }

    private void call(Expr.Call c) {
        Declarations.Global g = declarations.find(c.callee());
        if (g != null && g.kind() == Declarations.Kind.AGENT) {
            agent(c);
        } else if (g != null && g.kind() == Declarations.Kind.WORKFLOW) {
            workflow(c, (Decl.Workflow) g.decl());
        } else if (Builtin.find(c.callee()) instanceof Builtin b) {
            builtin(c, b);
        }
    }

    private void agent(Expr.Call c) {
        String example = c.callee() + "(\"...\")";
        if (c.args().isEmpty()) {
            diagnostics.error(c.calleeSpan(), "agent '" + c.callee() + "' needs a prompt", "pass the prompt as text: " + example);
        } else if (c.args().size() > 1) {
            diagnostics.error(c.args().get(1).span(), "an agent takes one prompt, but this call passes " + c.args().size(),
                    "put everything in one prompt: " + c.callee() + "(\"{a} and {b}\"); options go by name, as max_tokens: 800");
        }
        options(c, Keys.AGENT_CALL, "an agent call");
    }

    private void builtin(Expr.Call c, Builtin b) {
        int n = c.args().size();
        if (n < b.minArgs() || n > b.maxArgs()) {
            String expected = b.minArgs() == b.maxArgs() ? count(b.minArgs())
                    : b.maxArgs() == Integer.MAX_VALUE ? "at least " + count(b.minArgs())
                    : b.minArgs() + " to " + count(b.maxArgs());
            diagnostics.error(n > b.maxArgs() ? c.args().get(b.maxArgs()).span() : c.calleeSpan(),
                    b.callName + " takes " + expected + ", but this call passes " + n, "write it as " + b.signature());
        }
        options(c, b.options, b.callName);
        if (b == Builtin.ASK) askDefault(c);
        if (b.capability.alwaysNeeded && !options.allows(b.capability.flag)) {
            String message = b.callName + " needs `--allow " + b.capability.flag + "`";
            String hint = options.forRun() ? options.grantHint(b.capability.flag)
                    : "`orch run` refuses this script without --allow " + b.capability.flag;
            capability(c.calleeSpan(), message, hint);
        }
        if (b.capability == Capability.WRITE && !c.args().isEmpty() && c.args().get(0) instanceof Expr.Text path) {
            outsideFolder(b, path);
        }
        if (b == Builtin.ENV && !c.args().isEmpty() && c.args().get(0) instanceof Expr.Text name) environment(name);
    }

    /** `env("NAME")` of a credential-like variable or of one a model takes its key from needs `--allow env:NAME`. */
    private void environment(Expr.Text name) {
        String why = ModelGrants.envGrantNeeded(name.value(), modelKeys());
        String flag = "env:" + name.value();
        if (why == null || options.allows(flag)) return;
        capability(name.span(), "env(\"" + name.value() + "\") " + why + ": that needs `--allow " + flag + "`",
                options.forRun() ? options.grantHint(flag) : "`orch run` refuses this script without --allow " + flag
                        + "; a script should not read a key it does not send itself");
    }

    /** The variables the declared models take their keys from: `api_key_env`, else the provider's own. */
    private List<String> modelKeys() {
        List<String> keys = new java.util.ArrayList<>();
        for (Declarations.Global g : declarations.all()) {
            if (!(g.decl() instanceof Decl.Model m)) continue;
            String key = ModelGrants.defaultKeyVariable(m.provider());
            for (Expr.Option o : m.options()) if (o.name().equals("api_key_env") && o.value() instanceof Expr.Text t) key = t.value();
            if (key != null) keys.add(key);
        }
        return keys;
    }

    /** `ask(..., options: [...], default: "x")` written out: the default must be one of the options. */
    private void askDefault(Expr.Call c) {
        if (!(c.option("default") instanceof Expr.Text fallback) || !(c.option("options") instanceof Expr.ListOf list)) return;
        List<String> answers = new java.util.ArrayList<>();
        for (Expr item : list.items()) {
            if (!(item instanceof Expr.Text t)) return;
            answers.add(t.value());
        }
        if (answers.contains(fallback.value())) return;
        diagnostics.error(fallback.span(), "the default \"" + fallback.value() + "\" is not one of the ask's options",
                "make it one of " + String.join(", ", answers.stream().map(x -> "\"" + x + "\"").toList()) + ", or add it to options:");
    }

    /** A literal path that leaves the script's folder needs `--allow write:PATH` covering it. */
    private void outsideFolder(Builtin b, Expr.Text literal) {
        Path path;
        try {
            path = Path.of(literal.value()).normalize();
        } catch (InvalidPathException e) {
            return;
        }
        if (!path.isAbsolute() && !path.startsWith("..")) return;
        for (String allowed : options.allowed()) {
            if (!allowed.startsWith("write:")) continue;
            try {
                if (path.startsWith(Path.of(allowed.substring("write:".length())).normalize())) return;
            } catch (InvalidPathException e) {
                // An --allow value that is no path covers nothing.
            }
        }
        capability(literal.span(), b.callName + " to '" + literal.value() + "', outside the script's folder, needs `--allow write:PATH`",
                "write inside the script's folder, or run with --allow write:" + (path.getParent() == null ? path : path.getParent()));
    }

    /** Missing permissions warn at `orch check` and stop `orch run`. */
    private void capability(Span span, String message, String hint) {
        diagnostics.add(options.forRun() ? Diagnostic.error(span, message, hint) : Diagnostic.warning(span, message, hint));
    }

    private void workflow(Expr.Call c, Decl.Workflow w) {
        List<Decl.Param> params = w.params();
        if (c.args().size() > params.size()) {
            diagnostics.error(c.args().get(params.size()).span(), "workflow '" + w.name() + "' takes " + count(params.size())
                    + ", but this call passes " + c.args().size(), "write it as " + signature(w));
        }
        Map<String, Expr.Option> named = new HashMap<>();
        for (Expr.Option o : c.options()) {
            int at = indexOf(params, o.name());
            if (named.putIfAbsent(o.name(), o) != null) {
                diagnostics.error(o.span(), "'" + o.name() + "' is given twice", "keep one of them");
            } else if (at < 0) {
                List<String> names = params.stream().map(Decl.Param::name).toList();
                diagnostics.error(o.span(), "workflow '" + w.name() + "' has no parameter '" + o.name() + "'",
                        Suggest.didYouMean(o.name(), names, names.isEmpty() ? "it takes no arguments"
                                : "its parameters are " + Suggest.allOf(names)));
            } else if (at < c.args().size()) {
                diagnostics.error(o.span(), "'" + o.name() + "' is already given as argument " + (at + 1),
                        "give each parameter once, by position or by name");
            }
        }
        for (int i = c.args().size(); i < params.size(); i++) {
            Decl.Param p = params.get(i);
            if (p.defaultValue() == null && !named.containsKey(p.name())) {
                diagnostics.error(c.calleeSpan(), "workflow '" + w.name() + "' needs a value for '" + p.name() + "'",
                        "write it as " + signature(w) + ", or give " + p.name() + " a default in the workflow");
            }
        }
    }

    private void options(Expr.Call c, List<Key> accepted, String what) {
        Map<String, Expr.Option> seen = new HashMap<>();
        for (Expr.Option o : c.options()) {
            if (seen.putIfAbsent(o.name(), o) != null) {
                diagnostics.error(o.span(), "'" + o.name() + "' is given twice", "keep one of them");
            } else if (Keys.find(accepted, o.name()) == null) {
                List<String> names = Keys.names(accepted);
                diagnostics.error(o.span(), "unknown option '" + o.name() + "' for " + what,
                        Suggest.didYouMean(o.name(), names, names.isEmpty() ? c.callee() + " takes no named options"
                                : what + " accepts " + Suggest.oneOf(names)));
            }
        }
    }

    private static int indexOf(List<Decl.Param> params, String name) {
        for (int i = 0; i < params.size(); i++) if (params.get(i).name().equals(name)) return i;
        return -1;
    }

    private static String signature(Decl.Workflow w) {
        return w.name() + "(" + String.join(", ", w.params().stream().map(Decl.Param::name).toList()) + ")";
    }

    private static String count(int n) {
        return n + (n == 1 ? " argument" : " arguments");
    }
}

package dev.orch.compiler.check;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.GeneratedScript;
import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.Stmt;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where text a model produced may go (the contract's decision 5). A model's output is steered by whoever controls
 * its input, so it must not become a shell command (`sh(text)`) or the host of an `http` URL; `sh([...])` and a URL
 * whose scheme and host the script writes are fine, and paths are confined by the folder sandbox instead.
 *
 * <p>Model text is a reply (an agent call, `summarize`), what `run()` returns, a tool's parameter (a model writes the
 * arguments), an error a `catch` binds (its message
 * may quote a reply), a string literal in source that `run()` compiles, and `read()` of a file when the script writes
 * model text to some file. It flows through names, templates, `+`, lists, maps, fields, builtins that return text,
 * loops, workflow parameters and returns, until nothing new is learnt. The analysis is flow-insensitive within a
 * workflow (a name is model text if any assignment to it is), so it errs on the side of refusing; numbers and
 * booleans carry no text. `--trust-model-output` turns the check off.
 */
final class TaintChecker {
    /** Where model text came from, for the message: "the reply of agent 'writer'" at its span. */
    private record Origin(String what, Span where) {
        String describe() {
            return what + " at " + where.line() + ":" + where.col();
        }
    }

    private static final Set<String> NUMERIC_FIELDS = Set.of("tokens_in", "tokens_out", "cost", "attempts", "ms", "turns",
            "calls", "tool_calls");
    private static final Set<Type> NO_TEXT = Set.of(Type.NUMBER, Type.NULL, Type.DURATION, Type.BOOL);
    /** A URL whose scheme and host are written out and end before anything else is added. */
    private static final Pattern FIXED_HOST = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#{}]+[/?#].*", Pattern.DOTALL);

    private final Declarations declarations;
    private final CompileOptions options;
    private final Diagnostics diagnostics;
    private final Map<String, Map<String, Origin>> names = new HashMap<>();
    private final Map<String, Origin> returns = new HashMap<>();
    private Origin written;
    private boolean changed;

    TaintChecker(Declarations declarations, CompileOptions options, Diagnostics diagnostics) {
        this.declarations = declarations;
        this.options = options;
        this.diagnostics = diagnostics;
    }

    void check() {
        if (options.allowed().contains(Capabilities.TRUST_MODEL_OUTPUT)) return;
        for (Decl.Workflow w : declarations.workflows()) {
            if (!w.isTool()) continue;
            for (Decl.Param p : w.params()) {
                if (p.type() != null && NO_TEXT.contains(declarations.types().resolve(p.type()).kind())) continue;
                mark(w.name(), p.name(), new Origin("parameter '" + p.name() + "' of tool '" + w.name() + "', which a model fills in,", p.span()));
            }
        }
        do {
            changed = false;
            for (Decl.Workflow w : declarations.workflows()) learn(w.name(), w.body());
        } while (changed);
        for (Decl.Workflow w : declarations.workflows()) {
            AstWalk.calls(w.body(), call -> sink(w.name(), call));
        }
    }

    // ---- what holds model text -------------------------------------------------------------------------------

    private Map<String, Origin> scope(String workflow) {
        return names.computeIfAbsent(workflow, k -> new HashMap<>());
    }

    private void mark(String workflow, String name, Origin origin) {
        if (origin == null || name == null) return;
        if (scope(workflow).putIfAbsent(name, origin) == null) changed = true;
    }

    private void learn(String workflow, Block block) {
        AstWalk.statements(block, s -> {
            if (s instanceof Stmt.Assign a) {
                mark(workflow, a.name(), origin(workflow, a.value()));
            } else if (s instanceof Stmt.For f) {
                Origin items = origin(workflow, f.items());
                mark(workflow, f.variable(), items);
                if (f.into() != null) mark(workflow, f.into(), items != null ? items : last(workflow, f.body()));
            } else if (s instanceof Stmt.Try t) {
                for (Stmt.Catch c : t.catches()) {
                    if (c.as() != null) {
                        mark(workflow, c.as(), new Origin("the error caught as '" + c.as() + "' (its message may quote a reply)",
                                c.asSpan()));
                    }
                }
            } else if (s instanceof Stmt.Return r) {
                Origin o = r.value() == null ? null : origin(workflow, r.value());
                if (o != null && returns.putIfAbsent(workflow, o) == null) changed = true;
            }
            for (Expr e : AstWalk.expressions(s)) AstWalk.calls(e, call -> flowsInto(workflow, call));
        });
    }

    /** The taint of a block's last value, as `ys = for ...` collects it. */
    private Origin last(String workflow, Block body) {
        List<Stmt> all = body.statements();
        if (all.isEmpty()) return null;
        return switch (all.get(all.size() - 1)) {
            case Stmt.Eval e -> origin(workflow, e.value());
            case Stmt.Assign a -> origin(workflow, a.value());
            default -> null;
        };
    }

    /** Model text passed to a workflow's parameter, or written to a file. */
    private void flowsInto(String workflow, Expr.Call call) {
        if (declarations.find(call.callee(), Declarations.Kind.WORKFLOW) != null
                && declarations.find(call.callee(), Declarations.Kind.WORKFLOW).decl() instanceof Decl.Workflow callee) {
            for (int i = 0; i < call.args().size() && i < callee.params().size(); i++) {
                Origin given = origin(workflow, call.args().get(i));
                Decl.Param param = callee.params().get(i);
                if (given != null) {
                    mark(callee.name(), param.name(), new Origin("parameter '" + param.name() + "', given "
                            + given.describe() + ",", param.span()));
                }
            }
            return;
        }
        Builtin b = builtin(call);
        if ((b == Builtin.WRITE || b == Builtin.APPEND) && call.args().size() > 1 && written == null) {
            Origin o = origin(workflow, call.args().get(1));
            if (o != null) {
                written = new Origin(call.callee() + "() of " + o.what(), call.span());
                changed = true;
            }
        }
    }

    private Builtin builtin(Expr.Call call) {
        return declarations.find(call.callee()) == null ? Builtin.find(call.callee()) : null;
    }

    private static boolean generated(Span span) {
        return span != null && GeneratedScript.FILE.equals(span.file());
    }

    private static Origin literal(Span span) {
        return generated(span) ? new Origin("a string in the source run() compiled (a model may have written it)", span) : null;
    }

    /** Where the model text in {@code e} came from, or null when it holds none. */
    private Origin origin(String workflow, Expr e) {
        if (e == null) return null;
        if (e instanceof Expr.Name n) return scope(workflow).get(n.name());
        if (e instanceof Expr.Text t) return literal(t.span());
        if (e instanceof Expr.Field f) return NUMERIC_FIELDS.contains(f.name()) ? null : origin(workflow, f.target());
        if (e instanceof Expr.Index i) return origin(workflow, i.target());
        if (e instanceof Expr.Unary u) return null;
        if (e instanceof Expr.Binary b) {
            return b.op() == Expr.BinaryOp.ADD ? first(origin(workflow, b.left()), origin(workflow, b.right())) : null;
        }
        if (e instanceof Expr.MapOf m) {
            Origin o = null;
            for (Entry entry : m.entries()) o = first(o, first(literal(entry.keySpan()), origin(workflow, entry.value())));
            return o;
        }
        if (e instanceof Expr.Call c) return call(workflow, c);
        Origin o = null;
        for (Expr child : AstWalk.children(e)) o = first(o, origin(workflow, child));
        return o;
    }

    private Origin call(String workflow, Expr.Call c) {
        Declarations.Global target = declarations.find(c.callee());
        if (target != null) {
            return switch (target.kind()) {
                case AGENT -> new Origin("the reply of agent '" + c.callee() + "'", c.span());
                case WORKFLOW -> returns.get(c.callee()) == null ? null
                        : new Origin("what workflow '" + c.callee() + "' returns (" + returns.get(c.callee()).describe() + ")", c.span());
                default -> null;
            };
        }
        Builtin b = Builtin.find(c.callee());
        if (b == null) return null;
        return switch (b) {
            case SUMMARIZE -> new Origin("the summary summarize() wrote", c.span());
            case RUN -> new Origin("what run() returns", c.span());
            case READ -> written == null ? null
                    : new Origin("read() of a file, and this script writes model text to files (" + written.describe() + ")", c.span());
            case SH, HTTP, LS -> null;
            default -> {
                if (NO_TEXT.contains(b.result)) yield null;
                Origin o = null;
                for (Expr arg : c.args()) o = first(o, origin(workflow, arg));
                yield o;
            }
        };
    }

    private static Origin first(Origin a, Origin b) {
        return a != null ? a : b;
    }

    // ---- where it must not go ----------------------------------------------------------------------------------

    private void sink(String workflow, Expr.Call call) {
        Builtin b = builtin(call);
        if (b == null || call.args().isEmpty()) return;
        Expr arg = call.args().get(0);
        if (b == Builtin.SH && !(arg instanceof Expr.ListOf)) {
            Origin o = origin(workflow, arg);
            if (o != null) {
                diagnostics.error(extent(arg), "sh() would run text a model produced as a shell command: "
                        + o.describe(), "pass the program and its arguments as a list, which runs no shell: "
                        + "sh([\"program\", arg]); or, if the script's model output is trusted, --trust-model-output");
            }
        }
        if (b == Builtin.HTTP && !fixedHost(arg)) {
            Origin o = origin(workflow, arg);
            if (o != null) {
                diagnostics.error(extent(arg), "the host of this http() URL would come from text a model produced: "
                        + o.describe(), "write the scheme and host in the script and put the model's text after them, "
                        + "as in \"https://api.example.com/search?q={text}\"; or --trust-model-output");
            }
        }
    }

    /** The whole of {@code e} on its line: a `+` is spanned from its left operand's start to its right one's end. */
    private static Span extent(Expr e) {
        if (!(e instanceof Expr.Binary b)) return e.span();
        Span left = extent(b.left());
        Span right = extent(b.right());
        if (left.line() != right.line() || !left.file().equals(right.file())) return e.span();
        return new Span(left.file(), left.line(), left.col(), right.col() + right.length() - left.col());
    }

    /** Whether the URL's scheme and host are written by the script before any other text is added. */
    private static boolean fixedHost(Expr url) {
        return FIXED_HOST.matcher(prefix(url)).matches();
    }

    /** The script-written text a URL starts with. */
    private static String prefix(Expr e) {
        return switch (e) {
            case Expr.Text t -> generated(t.span()) ? "" : t.value();
            case Expr.Template t -> {
                StringBuilder b = new StringBuilder();
                for (Expr part : t.parts()) {
                    if (!(part instanceof Expr.Text text) || generated(text.span())) break;
                    b.append(text.value());
                }
                yield b.toString();
            }
            case Expr.Binary b when b.op() == Expr.BinaryOp.ADD -> prefix(b.left());
            default -> "";
        };
    }
}

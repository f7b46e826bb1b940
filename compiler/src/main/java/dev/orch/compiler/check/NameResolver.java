package dev.orch.compiler.check;

import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.Stmt;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.test.TestProgram;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names inside workflows, following the scoping rules: a name is read only after it is assigned (anywhere in a
 * `dag`), an immutable name is assigned once, names from `if`/`race`/`try` are visible after only when every
 * branch assigns them, names from loop bodies and `catch ... as` stay inside. Also resolves what each call names,
 * and reports local names that are never read.
 */
final class NameResolver {
    /** The builtins a workflow can call: `calls` counts only in a test, so it is not offered elsewhere. */
    private static final List<String> BUILTINS = Arrays.stream(Builtin.values()).filter(b -> b != Builtin.CALLS)
            .map(b -> b.callName).toList();
    /** Names other languages give the builtins, so `length(x)` suggests `len`. */
    private static final Map<String, String> BUILTIN_ALIASES = Map.ofEntries(
            Map.entry("length", "len"), Map.entry("size", "len"), Map.entry("count", "len"), Map.entry("string", "str"),
            Map.entry("text", "str"), Map.entry("tostring", "str"), Map.entry("number", "num"), Map.entry("int", "num"),
            Map.entry("float", "num"), Map.entry("parse_json", "json"), Map.entry("from_json", "json"),
            Map.entry("shell", "sh"), Map.entry("exec", "sh"), Map.entry("system", "sh"), Map.entry("fetch", "http"),
            Map.entry("get", "http"), Map.entry("curl", "http"), Map.entry("wait", "sleep"), Map.entry("delay", "sleep"),
            Map.entry("read_file", "read"), Map.entry("write_file", "write"), Map.entry("summary", "summarize"),
            Map.entry("summarise", "summarize"), Map.entry("splitlines", "lines"), Map.entry("concat", "join"));

    private enum Origin { PARAM, LOCAL, LOOP_VARIABLE, CAUGHT_ERROR }

    private static final class Binding {
        final String name;
        final Span span;
        final boolean isVar;
        final Origin origin;
        boolean fromCall;
        private boolean used;
        /** Branches that each assign a name share one "used" mark: a read after the if uses all of them. */
        private Binding sameAs;

        Binding(String name, Span span, boolean isVar, Origin origin) {
            this.name = name;
            this.span = span;
            this.isVar = isVar;
            this.origin = origin;
        }

        Binding root() {
            Binding b = this;
            while (b.sameAs != null) b = b.sameAs;
            return b;
        }

        void use() {
            root().used = true;
        }

        boolean isUsed() {
            return root().used;
        }

        void join(Binding other) {
            Binding a = root();
            Binding b = other.root();
            if (a == b) return;
            a.used |= b.used;
            b.sameAs = a;
        }
    }

    /** Why a name that was assigned somewhere is not readable here. */
    private record Hidden(Binding binding, String reason, String hint, boolean someBranches) {
        Hidden(Binding binding, String reason, String hint) {
            this(binding, reason, hint, false);
        }
    }

    /** What is known at one point of a workflow: the names readable there and those assigned but not visible. */
    private record Scope(Layered<Binding> names, Layered<Hidden> hidden) {
        static Scope empty() {
            return new Scope(Layered.empty(), Layered.empty());
        }

        /** The scope of a nested block: starts as this one; what the block changes stays in it. */
        Scope copy() {
            return new Scope(names.nested(), hidden.nested());
        }
    }

    private final Declarations declarations;
    private final Usage usage;
    private final Diagnostics diagnostics;
    private final List<Binding> locals = new ArrayList<>();
    /** Names read before their assignment or by a parallel sibling: reported elsewhere, so not also as unused. */
    private final Set<String> readElsewhere = new HashSet<>();
    private final Deque<Set<String>> siblingWrites = new ArrayDeque<>();
    private Map<String, Span> assignments = Map.of();
    /** The names of the dag being resolved, bound before its statements, by the span of their assignment. */
    private Map<Span, Binding> dagBindings = Map.of();
    /** Whether the workflow being resolved is a test's statements, where `calls(agent)` counts. */
    private boolean inTest;

    NameResolver(Declarations declarations, Usage usage, Diagnostics diagnostics) {
        this.declarations = declarations;
        this.usage = usage;
        this.diagnostics = diagnostics;
    }

    void check(Decl.Workflow workflow) {
        inTest = TestProgram.isTestWorkflow(workflow.name());
        locals.clear();
        readElsewhere.clear();
        assignments = firstAssignments(workflow.body());
        Scope scope = Scope.empty();
        for (Decl.Param p : workflow.params()) {
            if (p.defaultValue() != null) read(p.defaultValue(), scope);
            scope.names.putIfAbsent(p.name(), new Binding(p.name(), p.span(), false, Origin.PARAM));
        }
        block(workflow.body(), scope);
        for (Binding b : locals) {
            if (b.isUsed() || b.name.startsWith("_") || readElsewhere.contains(b.name)) continue;
            switch (b.origin) {
                case LOCAL -> diagnostics.warning(b.span, "'" + b.name + "' is assigned but never used", b.fromCall
                        ? "to make the call only for its effect, drop `" + b.name + " =`; or start the name with _ to keep it on purpose"
                        : "remove it, or start its name with _ to keep it on purpose");
                case LOOP_VARIABLE -> diagnostics.warning(b.span, "loop variable '" + b.name + "' is never used",
                        "name it _ when only the number of rounds matters: for _ in ...");
                case CAUGHT_ERROR -> diagnostics.warning(b.span, "'" + b.name + "' is never used",
                        "drop `as " + b.name + "` when the catch does not look at the error");
                case PARAM -> { }
            }
        }
    }

    // ---- statements -----------------------------------------------------------------------------------------

    /** Resolves a block in order, updating {@code scope}; true when the block always leaves early (return, fail, break). */
    private boolean block(Block block, Scope scope) {
        boolean leaves = false;
        for (Stmt s : block.statements()) leaves |= statement(s, scope);
        return leaves;
    }

    private boolean statement(Stmt s, Scope scope) {
        switch (s) {
            case Stmt.Assign a -> {
                read(a.value(), scope);
                Binding b = assign(a.name(), a.nameSpan(), a.declaresVar(), Origin.LOCAL, scope);
                if (b != null) b.fromCall = a.value() instanceof Expr.Call;
            }
            case Stmt.Sequence x -> { return block(x.body(), scope); }
            case Stmt.Phase x -> { return block(x.body(), scope); }
            case Stmt.Timeout x -> {
                read(x.duration(), scope);
                return block(x.body(), scope);
            }
            case Stmt.Retry x -> {
                readAll(scope, x.attempts(), x.backoff(), x.maxBackoff());
                return block(x.body(), scope);
            }
            case Stmt.Parallel x -> {
                readAll(scope, x.max());
                parallel(x.body(), scope);
            }
            case Stmt.Dag x -> {
                readAll(scope, x.max());
                dag(x.body(), scope);
            }
            case Stmt.Race x -> {
                // As in parallel, reading a sibling's name is the RaceChecker's to report, with both places.
                Set<String> written = new HashSet<>();
                for (Stmt branch : x.body().statements()) written.addAll(assignedBy(branch));
                siblingWrites.push(written);
                List<Outcome> branches = new ArrayList<>();
                for (Stmt branch : x.body().statements()) {
                    Scope inner = scope.copy();
                    branches.add(new Outcome(inner, statement(branch, inner)));
                }
                siblingWrites.pop();
                return merge(scope, branches, "the race at " + x.span().position(), "assign it in every branch of the race");
            }
            case Stmt.If x -> {
                List<Outcome> branches = new ArrayList<>();
                for (Stmt.Branch b : x.branches()) {
                    read(b.condition(), scope);
                    Scope inner = scope.copy();
                    branches.add(new Outcome(inner, block(b.body(), inner)));
                }
                if (x.otherwise() != null) {
                    Scope inner = scope.copy();
                    branches.add(new Outcome(inner, block(x.otherwise(), inner)));
                } else {
                    branches.add(new Outcome(scope.copy(), false));
                }
                return merge(scope, branches, "the if at " + x.span().position(), "assign it in every branch (add an else if needed)");
            }
            case Stmt.Try x -> {
                List<Outcome> branches = new ArrayList<>();
                Scope body = scope.copy();
                branches.add(new Outcome(body, block(x.body(), body)));
                for (Stmt.Catch c : x.catches()) {
                    Scope inner = scope.copy();
                    Binding error = null;
                    if (c.as() != null) error = assign(c.as(), c.asSpan(), false, Origin.CAUGHT_ERROR, inner);
                    boolean leaves = block(c.body(), inner);
                    if (error != null) {
                        inner.names.remove(c.as());
                        inner.hidden.put(c.as(), new Hidden(error, "it names the error only inside the catch at " + c.span().position(),
                                "read it inside the catch, or assign what you need from it to a `var` declared before the try"));
                    }
                    branches.add(new Outcome(inner, leaves));
                }
                for (Block f : x.fallbacks()) {
                    Scope inner = scope.copy();
                    branches.add(new Outcome(inner, block(f, inner)));
                }
                return merge(scope, branches, "the try at " + x.span().position(), "assign it in the try and in every catch and fallback");
            }
            case Stmt.For x -> {
                read(x.items(), scope);
                readAll(scope, x.max());
                Scope inner = scope.copy();
                Binding variable = assign(x.variable(), x.variableSpan(), false, Origin.LOOP_VARIABLE, inner);
                readAll(inner, x.where());
                block(x.body(), inner);
                String where = "the for loop at " + x.span().position();
                hideLoopNames(scope, inner, where);
                if (variable != null) {
                    scope.hidden.put(x.variable(), new Hidden(variable, "it is the variable of " + where + ", visible only in its body",
                            "to keep something from the loop, collect it: ys = for " + x.variable() + " in ... { ... }"));
                }
                if (x.into() != null) assign(x.into(), x.intoSpan(), x.intoVar(), Origin.LOCAL, scope);
            }
            case Stmt.Loop x -> {
                readAll(scope, x.max());
                Scope inner = scope.copy();
                block(x.body(), inner);
                readAll(inner, x.until());
                hideLoopNames(scope, inner, "the loop at " + x.span().position());
            }
            case Stmt.Print x -> read(x.value(), scope);
            case Stmt.Return x -> {
                readAll(scope, x.value());
                return true;
            }
            case Stmt.Fail x -> {
                read(x.message(), scope);
                return true;
            }
            case Stmt.Break x -> { return true; }
            case Stmt.Eval x -> read(x.value(), scope);
            case Stmt.Expect x -> readAll(scope, x.condition(), x.message());
        }
        return false;
    }

    private record Outcome(Scope scope, boolean leaves) {}

    /**
     * After branches of which exactly one runs: a new name is visible when every branch that can finish assigns it;
     * one assigned in only some is remembered, so a later read can say why it is not there.
     */
    private boolean merge(Scope scope, List<Outcome> branches, String where, String everyBranch) {
        List<Outcome> finishing = branches.stream().filter(o -> !o.leaves()).toList();
        for (Outcome o : branches) o.scope().hidden.forEachChanged(scope.hidden::putIfAbsent);
        if (finishing.isEmpty()) return true;
        Map<String, Binding> added = new LinkedHashMap<>();
        for (Outcome o : finishing) {
            o.scope().names.forEachChanged((name, b) -> {
                if (!scope.names.containsKey(name)) added.putIfAbsent(name, b);
            });
        }
        for (Map.Entry<String, Binding> e : added.entrySet()) {
            String name = e.getKey();
            for (Outcome o : branches) {
                Binding same = o.scope().names.get(name);
                if (same != null) e.getValue().join(same);
            }
            if (finishing.stream().allMatch(o -> o.scope().names.containsKey(name))) {
                scope.names.put(name, e.getValue());
                scope.hidden.remove(name);
            } else {
                scope.hidden.put(name, new Hidden(e.getValue(), "it is assigned in only some branches of " + where,
                        everyBranch + ", or declare `var " + name
                                + " = ...` before it and update it in the branches", true));
            }
        }
        return false;
    }

    /** Loop bodies are a fresh scope each round: what they assign stays inside, with a reason for later reads. */
    private void hideLoopNames(Scope scope, Scope inner, String where) {
        inner.hidden.forEachChanged(scope.hidden::putIfAbsent);
        inner.names.forEachChanged((name, b) -> {
            if (scope.names.containsKey(name)) return;
            scope.hidden.put(name, new Hidden(b, "it is assigned inside " + where + ", and each round's names stay in it",
                    "declare `var " + name + " = ...` before the loop and update it inside, or collect values with ys = for x in xs { ... }"));
        });
    }

    /** Each statement of a parallel block is a branch; reading or writing what a sibling writes is the RaceChecker's. */
    private void parallel(Block body, Scope scope) {
        Set<String> written = new HashSet<>();
        for (Stmt s : body.statements()) written.addAll(assignedBy(s));
        siblingWrites.push(written);
        List<Scope> branches = new ArrayList<>();
        for (Stmt s : body.statements()) {
            Scope inner = scope.copy();
            statement(s, inner);
            branches.add(inner);
        }
        siblingWrites.pop();
        for (Scope b : branches) {
            b.hidden.forEachChanged(scope.hidden::putIfAbsent);
            b.names.forEachChanged((name, binding) -> {
                Binding first = scope.names.putIfAbsent(name, binding);
                if (first != null) first.join(binding);
            });
        }
        for (String name : scope.hidden.keys()) if (scope.names.containsKey(name)) scope.hidden.remove(name);
    }

    /** In a dag statements may come in any order: every name the block assigns is known before any statement runs. */
    private void dag(Block body, Scope scope) {
        Map<Span, Binding> prebound = new HashMap<>();
        for (Stmt s : body.statements()) {
            for (Stmt.Assign a : directAssignments(s)) {
                if (scope.names.containsKey(a.name()) || declarations.find(a.name()) != null) continue;
                Binding b = new Binding(a.name(), a.nameSpan(), a.declaresVar(), Origin.LOCAL);
                if (scope.names.putIfAbsent(a.name(), b) == null) {
                    locals.add(b);
                    prebound.put(a.nameSpan(), b);
                }
            }
        }
        Map<Span, Binding> outer = dagBindings;
        dagBindings = prebound;
        for (Stmt s : body.statements()) statement(s, scope);
        dagBindings = outer;
    }

    /** The assignments a dag statement makes visible to its siblings. */
    private static List<Stmt.Assign> directAssignments(Stmt s) {
        List<Stmt.Assign> out = new ArrayList<>();
        switch (s) {
            case Stmt.Assign a -> out.add(a);
            case Stmt.For f when f.into() != null ->
                    out.add(new Stmt.Assign(f.span(), f.into(), f.intoSpan(), f.intoVar(), f.items()));
            case Stmt.Sequence x -> x.body().statements().forEach(i -> out.addAll(directAssignments(i)));
            case Stmt.Phase x -> x.body().statements().forEach(i -> out.addAll(directAssignments(i)));
            case Stmt.Retry x -> x.body().statements().forEach(i -> out.addAll(directAssignments(i)));
            case Stmt.Timeout x -> x.body().statements().forEach(i -> out.addAll(directAssignments(i)));
            case Stmt.Parallel x -> x.body().statements().forEach(i -> out.addAll(directAssignments(i)));
            case Stmt.Dag x -> x.body().statements().forEach(i -> out.addAll(directAssignments(i)));
            default -> { }
        }
        return out;
    }

    private static Set<String> assignedBy(Stmt s) {
        Set<String> names = new HashSet<>();
        if (s instanceof Stmt.Assign a) names.add(a.name());
        if (s instanceof Stmt.For f && f.into() != null) names.add(f.into());
        for (Block b : AstWalk.blocks(s)) {
            AstWalk.statements(b, inner -> {
                if (inner instanceof Stmt.Assign a) names.add(a.name());
                if (inner instanceof Stmt.For f && f.into() != null) names.add(f.into());
            });
        }
        return names;
    }

    /** Declares or updates a name; returns the new binding, or null when it updated a `var` or was refused. */
    private Binding assign(String name, Span span, boolean declaresVar, Origin origin, Scope scope) {
        Binding prebound = dagBindings.get(span);
        if (prebound != null && scope.names.get(name) == prebound) return prebound;
        Declarations.Global global = declarations.find(name);
        if (global != null) {
            diagnostics.error(span, "'" + name + "' is already the name of " + global.article() + " (at "
                    + Declarations.where(global.nameSpan(), span) + ")", "choose another name for the local value");
            // Bound all the same, so later reads of it are not reported a second time.
        }
        Binding existing = name.equals("_") ? null : scope.names.get(name);
        if (existing == null && scope.hidden.get(name) instanceof Hidden h && h.someBranches()) {
            existing = h.binding();
            // Reported below as a second assignment; from here on the name counts as assigned, so reads are not reported too.
            scope.names.put(name, existing);
            scope.hidden.remove(name);
        }
        if (existing != null) {
            if (existing.origin == Origin.PARAM) {
                diagnostics.error(span, "'" + name + "' is a parameter of the workflow and cannot be assigned",
                        "give the new value its own name");
            } else if (declaresVar || origin != Origin.LOCAL) {
                diagnostics.error(span, "'" + name + "' is already defined at " + existing.span.position(),
                        existing.isVar ? "drop `var` to update it: " + name + " = ..." : "choose another name");
            } else if (!existing.isVar) {
                diagnostics.error(span, "'" + name + "' is already defined at " + existing.span.position() + " and cannot be assigned again",
                        "use a new name, or declare it with `var " + name + " = ...` at " + existing.span.position() + " if it should change");
            }
            return null;
        }
        Binding b = new Binding(name, span, declaresVar, origin);
        scope.names.put(name, b);
        scope.hidden.remove(name);
        locals.add(b);
        return b;
    }

    // ---- expressions ----------------------------------------------------------------------------------------

    private void readAll(Scope scope, Expr... exprs) {
        for (Expr e : exprs) if (e != null) read(e, scope);
    }

    private void read(Expr e, Scope scope) {
        if (e instanceof Expr.Name n) {
            name(n, scope);
        } else if (e instanceof Expr.Call c) {
            call(c, scope);
        } else {
            AstWalk.children(e).forEach(child -> read(child, scope));
        }
    }

    private void call(Expr.Call c, Scope scope) {
        callee(c, scope);
        if (isCallsBuiltin(c)) {
            counted(c);
            return;
        }
        c.args().forEach(a -> read(a, scope));
        for (Expr.Option o : c.options()) {
            if (o.name().equals("model") && o.value() instanceof Expr.Name model) {
                modelReference(model, scope, c.callee());
            } else {
                read(o.value(), scope);
            }
        }
    }

    private static String agentNamed(Expr.Call c) {
        return c.args().size() == 1 && c.args().get(0) instanceof Expr.Name n ? n.name() : "agent";
    }

    private boolean isCallsBuiltin(Expr.Call c) {
        return c.callee().equals(Builtin.CALLS.callName) && declarations.find(c.callee()) == null;
    }

    /** `calls(reviewer)`: its argument names an agent (a reference, not a value), and it counts only in a test. */
    private void counted(Expr.Call c) {
        if (!inTest) {
            diagnostics.error(c.calleeSpan(), "calls() counts an agent's calls in a test; it works only inside a test block",
                    "check it in a test block: test \"...\" { main(); expect calls(" + agentNamed(c) + ") == 2 }");
            return;
        }
        List<String> agents = declarations.names(Declarations.Kind.AGENT);
        if (c.args().size() != 1 || !c.options().isEmpty() || !(c.args().get(0) instanceof Expr.Name agent)) {
            diagnostics.error(c.span(), "calls() takes the name of one agent", "write it as calls(" + (agents.isEmpty() ? "reviewer" : agents.get(0)) + ")");
            return;
        }
        if (declarations.find(agent.name(), Declarations.Kind.AGENT) != null) return;
        Declarations.Global other = declarations.find(agent.name());
        diagnostics.error(agent.span(), other != null
                        ? "calls() counts an agent's calls, and '" + agent.name() + "' is " + other.kind().article
                        : "unknown agent '" + agent.name() + "'",
                Suggest.didYouMean(agent.name(), agents, agents.isEmpty() ? "declare one first: agent helper { model: fast }"
                        : "the declared agents are " + Suggest.allOf(agents)));
    }

    private void modelReference(Expr.Name model, Scope scope, String callee) {
        if (declarations.find(model.name(), Declarations.Kind.MODEL) != null) {
            usage.use(model.name());
            return;
        }
        List<String> models = declarations.names(Declarations.Kind.MODEL);
        Binding value = scope.names.get(model.name());
        if (value != null) {
            // `m = "fast"` then `model: m`: a model is a declaration the plan fixes before the run, never a value.
            value.use();
            String first = models.isEmpty() ? "fast" : models.get(0);
            diagnostics.error(model.span(), "'" + model.name() + "' is a value, and `model:` takes the name of a declared model",
                    "models are declarations, not values; to choose one at run time, branch: if " + model.name()
                            + " == \"" + first + "\" { " + callee + "(..., model: " + first + ") } else { ... }");
            return;
        }
        diagnostics.error(model.span(), "unknown model '" + model.name() + "'", Suggest.didYouMean(model.name(), models,
                models.isEmpty() ? "declare one first: model fast = mock()" : "the declared models are " + Suggest.allOf(models)));
    }

    private void callee(Expr.Call c, Scope scope) {
        Declarations.Global g = declarations.find(c.callee());
        if (g != null && (g.kind() == Declarations.Kind.AGENT || g.kind() == Declarations.Kind.WORKFLOW)) {
            usage.use(g.name());
            return;
        }
        if (Builtin.find(c.callee()) != null) {
            // Builtins cannot share a name with a declaration, so recording them is unambiguous; `run` matters.
            usage.use(c.callee());
            return;
        }
        Span at = c.calleeSpan();
        if (g != null) {
            String hint = g.kind() == Declarations.Kind.MODEL
                    ? "calls go through an agent: declare `agent helper { model: " + g.name() + " }` and call helper(\"...\")"
                    : "a breaker guards an agent's calls: name it in the agent, { breaker: " + g.name() + " }";
            diagnostics.error(at, "'" + c.callee() + "' is " + g.article() + " and cannot be called", hint);
            return;
        }
        if (scope.names.get(c.callee()) instanceof Binding local) {
            local.use();
            diagnostics.error(at, "'" + c.callee() + "' is a value (assigned at " + local.span.position() + "), not something to call",
                    "only agents, workflows and builtins can be called");
            return;
        }
        List<String> callables = new ArrayList<>(declarations.names(Declarations.Kind.AGENT));
        callables.addAll(declarations.names(Declarations.Kind.WORKFLOW));
        callables.addAll(BUILTINS);
        List<String> spellings = new ArrayList<>(callables);
        spellings.addAll(BUILTIN_ALIASES.keySet());
        String suggestion = Suggest.closest(c.callee(), spellings);
        if (BUILTIN_ALIASES.containsKey(c.callee())) suggestion = c.callee();
        if (suggestion != null && !callables.contains(suggestion)) suggestion = BUILTIN_ALIASES.get(suggestion);
        if (suggestion != null) usage.use(suggestion);
        diagnostics.error(at, "unknown agent, workflow or builtin '" + c.callee() + "'", suggestion != null
                ? "did you mean '" + suggestion + "'?" + (Builtin.find(suggestion) instanceof Builtin b ? " It is the builtin " + b.signature() + "." : "")
                : ("declare it (agent " + c.callee() + " { model: ... } or workflow " + c.callee() + "() { ... });"
                        + " `orch help builtins` lists the builtins"));
    }

    private void name(Expr.Name n, Scope scope) {
        String name = n.name();
        Binding b = scope.names.get(name);
        if (b != null) {
            b.use();
            return;
        }
        Declarations.Global g = declarations.find(name);
        if (g != null) {
            usage.use(name);
            String hint = switch (g.kind()) {
                case AGENT -> "call it with a prompt: " + name + "(\"...\")";
                case WORKFLOW -> "call it: " + name + "(...)";
                case MODEL -> "a model is named only in `model:` (of an agent or a call)";
                case BREAKER -> "a breaker is named only in an agent's `breaker:` key";
                case MCP -> "an MCP server is named only in an agent's tools: [" + name + "] or [" + name + ".TOOL]";
                case TYPE -> "a type is named only after `:` in a parameter, `->`, `output:` or `as`";
            };
            diagnostics.error(n.span(), "'" + name + "' is " + g.article() + ", not a value", hint);
            return;
        }
        Hidden hidden = scope.hidden.get(name);
        if (hidden != null) {
            hidden.binding().use();
            diagnostics.error(n.span(), "'" + name + "' is not visible here: " + hidden.reason(), hidden.hint());
            return;
        }
        for (Set<String> siblings : siblingWrites) {
            if (siblings.contains(name)) {
                readElsewhere.add(name);
                return;
            }
        }
        Span later = assignments.get(name);
        if (later != null && after(later, n.span())) {
            readElsewhere.add(name);
            diagnostics.error(n.span(), "'" + name + "' is used before it is defined at " + later.position(),
                    "move this after line " + later.line() + ", or put both statements in a dag { } block, which orders them by the names they read");
            return;
        }
        String literal = OTHER_LANGUAGES.get(name);
        if (literal != null && !declarations.all().stream().anyMatch(d -> d.name().equals(name))) {
            diagnostics.error(n.span(), "undefined name '" + name + "'", "Orch writes it " + literal);
            return;
        }
        List<String> candidates = scope.names.keys();
        candidates.addAll(scope.hidden.keys());
        declarations.all().forEach(d -> candidates.add(d.name()));
        String suggestion = Suggest.closest(name, candidates);
        if (suggestion != null) {
            // The misspelt read was meant for the suggestion: do not also call that one unused.
            if (scope.names.get(suggestion) instanceof Binding meant) meant.use();
            usage.use(suggestion);
        }
        diagnostics.error(n.span(), "undefined name '" + name + "'", suggestion != null ? "did you mean '" + suggestion + "'?"
                : "assign it before this line (" + name + " = ...), add a parameter (workflow main(" + name
                        + ": text)), or write \"" + name + "\" if you meant the text");
    }

    /** Literals as other languages spell them (Python's True and None, JavaScript's undefined), and Orch's. */
    private static final Map<String, String> OTHER_LANGUAGES = Map.of("True", "true", "False", "false", "None", "null",
            "TRUE", "true", "FALSE", "false", "NULL", "null", "Null", "null", "nil", "null", "undefined", "null");

    private static boolean after(Span a, Span b) {
        return a.line() > b.line() || a.line() == b.line() && a.col() > b.col();
    }

    /** Where each name is first assigned in a workflow, to tell "used before defined" from "undefined". */
    private static Map<String, Span> firstAssignments(Block body) {
        Map<String, Span> first = new HashMap<>();
        AstWalk.statements(body, s -> {
            if (s instanceof Stmt.Assign a) first.putIfAbsent(a.name(), a.nameSpan());
            if (s instanceof Stmt.For f && f.into() != null) first.putIfAbsent(f.into(), f.intoSpan());
        });
        return first;
    }
}

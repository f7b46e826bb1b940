package dev.orch.cli.lsp;

import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.Stmt;
import dev.orch.compiler.ast.Test;
import dev.orch.compiler.ast.TypeExpr;
import dev.orch.compiler.check.Declarations;
import dev.orch.compiler.check.LocalTypes;
import dev.orch.compiler.load.StandardLibrary;
import dev.orch.compiler.test.TestProgram;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every place a document's programs (the script and its imports) name a symbol, built once per document version:
 * what hover, go to definition, find references and rename look up by position. A local name is one symbol per
 * workflow or test, as the type checker sees it: two loops' `x` in one workflow are the same `x`.
 */
final class SymbolIndex {
    private final List<Occurrence> all = new ArrayList<>();
    private final Map<String, Map<Integer, List<Occurrence>>> byFileAndLine = new HashMap<>();
    private final Map<String, Symbol.Global> globals = new HashMap<>();

    private SymbolIndex() {}

    static SymbolIndex of(List<Program> programs) {
        SymbolIndex index = new SymbolIndex();
        Declarations declarations = LocalTypes.declarations(programs);
        for (Declarations.Global g : declarations.all()) index.globals.put(g.name(), new Symbol.Global(g.name(), g.kind()));
        for (Program p : programs) {
            if (p.file().startsWith(StandardLibrary.PREFIX)) continue;
            for (Test t : p.tests()) {
                for (Decl d : t.declarations()) index.globals.putIfAbsent(name(d), global(d));
            }
        }
        index.globals.remove(null);
        for (Program p : programs) {
            if (p.file().startsWith(StandardLibrary.PREFIX)) continue;
            for (Decl d : p.declarations()) index.declaration(d);
            for (Test t : p.tests()) index.test(t);
        }
        return index;
    }

    /** The occurrence under a 1-based line and code-point column, the innermost when several hold it. */
    Occurrence at(String file, int line, int col) {
        Occurrence best = null;
        for (Occurrence o : byFileAndLine.getOrDefault(file, Map.of()).getOrDefault(line, List.of())) {
            if (o.contains(file, line, col) && (best == null || o.span().length() < best.span().length())) best = o;
        }
        return best;
    }

    List<Occurrence> of(Symbol symbol) {
        return all.stream().filter(o -> o.symbol().equals(symbol)).toList();
    }

    /** Where a symbol is declared: a global's top-level declaration, a local's first binding; null when unknown. */
    Occurrence definition(Symbol symbol) {
        Occurrence first = null;
        for (Occurrence o : all) {
            if (!o.symbol().equals(symbol) || !o.declares()) continue;
            if (symbol instanceof Symbol.Global && o.scope() == null) return o;
            if (first == null) first = o;
        }
        return first;
    }

    /** The places that bind a workflow's or a test's names, in source order. */
    List<Occurrence> locals(String scope) {
        return all.stream().filter(o -> o.declares() && o.symbol() instanceof Symbol.Local l && l.scope().equals(scope)).toList();
    }

    /** Every occurrence in one file, in the order found. */
    List<Occurrence> in(String file) {
        return all.stream().filter(o -> o.span().file().equals(file)).toList();
    }

    Symbol.Global global(String name) {
        return globals.get(name);
    }

    // ---- building ---------------------------------------------------------------------------------------------

    private void add(Span span, Symbol symbol, boolean declares, String scope, Expr.Call call) {
        if (span == null || span.line() < 1) return;
        Occurrence o = new Occurrence(span, symbol, declares, scope, call);
        all.add(o);
        byFileAndLine.computeIfAbsent(span.file(), f -> new HashMap<>()).computeIfAbsent(span.line(), l -> new ArrayList<>()).add(o);
    }

    private static String name(Decl d) {
        return switch (d) {
            case Decl.Model m -> m.name();
            case Decl.Agent a -> a.name();
            case Decl.Breaker b -> b.name();
            case Decl.Workflow w -> w.name();
            case Decl.Type t -> t.name();
            case Decl.Mcp m -> m.name();
            case Decl.Budget b -> null;
            case Decl.Import i -> null;
        };
    }

    private static Symbol.Global global(Decl d) {
        Declarations.Kind kind = switch (d) {
            case Decl.Model m -> Declarations.Kind.MODEL;
            case Decl.Agent a -> Declarations.Kind.AGENT;
            case Decl.Breaker b -> Declarations.Kind.BREAKER;
            case Decl.Workflow w -> Declarations.Kind.WORKFLOW;
            case Decl.Type t -> Declarations.Kind.TYPE;
            case Decl.Mcp m -> Declarations.Kind.MCP;
            case Decl.Budget b -> null;
            case Decl.Import i -> null;
        };
        return kind == null ? null : new Symbol.Global(name(d), kind);
    }

    /** A declaration at the top level ({@code scope} null) or inside a test (the test's scope). */
    private void declaration(Decl d, String scope) {
        Symbol.Global self = global(d);
        switch (d) {
            case Decl.Import i -> {
                if (!i.path().startsWith(StandardLibrary.PREFIX)) {
                    Path base = Path.of(i.span().file()).getParent();
                    String target = (base == null ? Path.of(i.path()) : base.resolve(i.path())).normalize().toString();
                    add(i.pathSpan(), new Symbol.File(target), false, scope, null);
                }
            }
            case Decl.Model m -> {
                add(m.nameSpan(), globals.getOrDefault(m.name(), self), true, scope, null);
                m.args().forEach(e -> expression(e, Set.of(), scope));
                m.options().forEach(o -> expression(o.value(), Set.of(), scope));
            }
            case Decl.Agent a -> {
                add(a.nameSpan(), globals.getOrDefault(a.name(), self), true, scope, null);
                if (a.parent() != null) reference(a.parentSpan(), a.parent(), Set.of(), scope, null);
                entries(a.entries(), scope);
                if (a.output() != null) type(a.output(), scope);
            }
            case Decl.Breaker b -> {
                add(b.nameSpan(), globals.getOrDefault(b.name(), self), true, scope, null);
                entries(b.entries(), scope);
            }
            case Decl.Budget b -> entries(b.entries(), scope);
            case Decl.Mcp m -> {
                add(m.nameSpan(), globals.getOrDefault(m.name(), self), true, scope, null);
                entries(m.entries(), scope);
            }
            case Decl.Type t -> {
                add(t.nameSpan(), globals.getOrDefault(t.name(), self), true, scope, null);
                type(t.body(), scope);
            }
            case Decl.Workflow w -> {
                add(w.nameSpan(), globals.getOrDefault(w.name(), self), true, scope, null);
                workflow(w.name(), w.params(), w.returns(), w.body());
            }
        }
    }

    private void declaration(Decl d) {
        declaration(d, null);
    }

    private void test(Test t) {
        for (Decl d : t.declarations()) declaration(d, TestProgram.workflowName(t));
        workflow(TestProgram.workflowName(t), List.of(), null, t.body());
    }

    private void entries(List<Entry> entries, String scope) {
        for (Entry e : entries) expression(e.value(), Set.of(), scope);
    }

    private void workflow(String scope, List<Decl.Param> params, TypeExpr returns, Block body) {
        Set<String> locals = new HashSet<>();
        for (Decl.Param p : params) locals.add(p.name());
        AstWalk.statements(body, s -> {
            switch (s) {
                case Stmt.Assign a -> locals.add(a.name());
                case Stmt.For f -> {
                    locals.add(f.variable());
                    if (f.into() != null) locals.add(f.into());
                }
                case Stmt.Try t -> t.catches().forEach(c -> {
                    if (c.as() != null) locals.add(c.as());
                });
                default -> { }
            }
        });
        for (Decl.Param p : params) {
            add(p.span(), new Symbol.Local(scope, p.name()), true, scope, null);
            if (p.type() != null) type(p.type(), scope);
            if (p.defaultValue() != null) expression(p.defaultValue(), locals, scope);
        }
        if (returns != null) type(returns, scope);
        block(body, locals, scope);
    }

    private void block(Block block, Set<String> locals, String scope) {
        for (Stmt s : block.statements()) statement(s, locals, scope);
    }

    private void statement(Stmt s, Set<String> locals, String scope) {
        switch (s) {
            case Stmt.Assign a -> {
                add(a.nameSpan(), new Symbol.Local(scope, a.name()), true, scope, null);
                expression(a.value(), locals, scope);
            }
            case Stmt.For f -> {
                if (f.into() != null) add(f.intoSpan(), new Symbol.Local(scope, f.into()), true, scope, null);
                add(f.variableSpan(), new Symbol.Local(scope, f.variable()), true, scope, null);
                AstWalk.expressions(f).forEach(e -> expression(e, locals, scope));
                block(f.body(), locals, scope);
            }
            case Stmt.Try t -> {
                block(t.body(), locals, scope);
                for (Stmt.Catch c : t.catches()) {
                    if (c.as() != null) add(c.asSpan(), new Symbol.Local(scope, c.as()), true, scope, null);
                    block(c.body(), locals, scope);
                }
                t.fallbacks().forEach(f -> block(f, locals, scope));
            }
            default -> {
                AstWalk.expressions(s).forEach(e -> expression(e, locals, scope));
                AstWalk.blocks(s).forEach(b -> block(b, locals, scope));
            }
        }
    }

    private void expression(Expr e, Set<String> locals, String scope) {
        if (e == null) return;
        switch (e) {
            case Expr.Name n -> reference(n.span(), n.name(), locals, scope, null);
            case Expr.Call c -> {
                if (!locals.contains(c.callee()) && globals.containsKey(c.callee())) {
                    add(c.calleeSpan(), globals.get(c.callee()), false, scope, c);
                } else if (dev.orch.compiler.lang.Builtin.find(c.callee()) != null) {
                    add(c.calleeSpan(), new Symbol.Builtin(c.callee()), false, scope, c);
                }
                AstWalk.children(c).forEach(x -> expression(x, locals, scope));
            }
            case Expr.Field f when f.target() instanceof Expr.Name n && locals.contains(n.name()) -> {
                Span whole = f.span();
                int nameCol = whole.col() + whole.length() - f.name().length();
                // Only where the field's name ends the expression on its line (not `x."quoted-name"`).
                if (nameCol > n.span().col() + n.span().length()) {
                    add(new Span(whole.file(), whole.line(), nameCol, f.name().length()),
                            new Symbol.Field(scope, n.name(), f.name()), false, scope, null);
                }
                expression(n, locals, scope);
            }
            case Expr.As a -> {
                expression(a.value(), locals, scope);
                type(a.type(), scope);
            }
            default -> AstWalk.children(e).forEach(x -> expression(x, locals, scope));
        }
    }

    private void reference(Span span, String name, Set<String> locals, String scope, Expr.Call call) {
        if (locals.contains(name)) {
            add(span, new Symbol.Local(scope, name), false, scope, call);
        } else if (globals.containsKey(name)) {
            add(span, globals.get(name), false, scope, call);
        }
    }

    private void type(TypeExpr t, String scope) {
        switch (t) {
            case TypeExpr.Named n -> {
                Symbol.Global g = globals.get(n.name());
                if (g != null && g.kind() == Declarations.Kind.TYPE) add(n.span(), g, false, scope, null);
            }
            case TypeExpr.ListOf l -> type(l.item(), scope);
            case TypeExpr.Nullable n -> type(n.inner(), scope);
            case TypeExpr.Obj o -> o.fields().forEach(f -> type(f.type(), scope));
            case TypeExpr.Union u -> { }
        }
    }
}

package dev.orch.compiler.check;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.load.StandardLibrary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The program's top-level names (models, agents, breakers, workflows, types) from the script and every import, and its
 * budget. Collecting them reports a name declared twice, in one file or across files, with both places.
 */
public final class Declarations {
    /** What a top-level name stands for, in the words messages use. */
    public enum Kind {
        MODEL("a model"), AGENT("an agent"), BREAKER("a breaker"), WORKFLOW("a workflow"), MCP("an MCP server"), TYPE("a type");

        public final String article;

        Kind(String article) {
            this.article = article;
        }
    }

    public record Global(String name, Kind kind, Decl decl, Span nameSpan) {
        /** "a tool" for a workflow that is a tool, else the kind's words. */
        public String article() {
            return decl instanceof Decl.Workflow w && w.isTool() ? "a tool" : kind.article;
        }
    }

    private final String rootFile;
    private final Map<String, Global> globals = new LinkedHashMap<>();
    private final List<Decl.Budget> budgets = new ArrayList<>();
    private Decl.Import standardImport;
    private final DeclaredTypes types = new DeclaredTypes(this);

    private Declarations(String rootFile) {
        this.rootFile = rootFile;
    }

    /** The programs in load order, the script first. */
    public static Declarations collect(List<Program> programs, Diagnostics diagnostics) {
        Declarations d = new Declarations(programs.isEmpty() ? "" : programs.get(0).file());
        for (Program p : programs) {
            for (Decl decl : p.declarations()) d.add(decl, diagnostics);
            if (d.standardImport == null && !p.file().startsWith(StandardLibrary.PREFIX)) {
                for (Decl.Import i : p.all(Decl.Import.class)) {
                    if (i.path().startsWith(StandardLibrary.PREFIX)) {
                        d.standardImport = i;
                        break;
                    }
                }
            }
        }
        return d;
    }

    private void add(Decl decl, Diagnostics diagnostics) {
        Global g = switch (decl) {
            case Decl.Model m -> new Global(m.name(), Kind.MODEL, m, m.nameSpan());
            case Decl.Agent a -> new Global(a.name(), Kind.AGENT, a, a.nameSpan());
            case Decl.Breaker b -> new Global(b.name(), Kind.BREAKER, b, b.nameSpan());
            case Decl.Workflow w -> new Global(w.name(), Kind.WORKFLOW, w, w.nameSpan());
            case Decl.Type t -> new Global(t.name(), Kind.TYPE, t, t.nameSpan());
            case Decl.Mcp m -> new Global(m.name(), Kind.MCP, m, m.nameSpan());
            case Decl.Budget b -> {
                if (!budgets.isEmpty()) {
                    diagnostics.error(b.span(), "a second budget; the first is at " + where(budgets.get(0).span(), b.span()),
                            "a run has one budget: merge the two into one `budget { tokens: N, cost: X }`");
                }
                budgets.add(b);
                yield null;
            }
            case Decl.Import i -> null;
        };
        if (g == null) return;
        Global first = globals.get(g.name());
        if (first != null && first.nameSpan().file().equals(rootFile) && !g.nameSpan().file().equals(rootFile)) {
            // The script clashes with an import: point at the script's line, which its author can change.
            diagnostics.error(first.nameSpan(), "'" + g.name() + "' is declared twice: " + g.nameSpan().file() + ":"
                    + g.nameSpan().position() + " (imported) already declares " + g.article() + " of that name",
                    "rename this one; top-level names are shared by a script and its imports");
            return;
        }
        if (first != null) {
            diagnostics.error(g.nameSpan(), "'" + g.name() + "' is declared twice: it is already " + first.article()
                    + " at " + where(first.nameSpan(), g.nameSpan()),
                    "top-level names are shared by a script and its imports; rename one of them");
            return;
        }
        if ((g.kind() == Kind.AGENT || g.kind() == Kind.WORKFLOW) && Builtin.find(g.name()) != null) {
            diagnostics.error(g.nameSpan(), "'" + g.name() + "' is the name of a builtin", "choose another name, so "
                    + g.name() + "(...) keeps meaning the builtin " + Builtin.find(g.name()).signature());
            return;
        }
        globals.put(g.name(), g);
    }

    /** `4:7` within the same file, `lib.orch:4:7` from another. */
    public static String where(Span target, Span from) {
        return target.file().equals(from.file()) ? target.position() : target.file() + ":" + target.position();
    }

    public Global find(String name) {
        return globals.get(name);
    }

    public Global find(String name, Kind kind) {
        Global g = globals.get(name);
        return g != null && g.kind() == kind ? g : null;
    }

    public List<Global> all() {
        return List.copyOf(globals.values());
    }

    public List<String> names(Kind kind) {
        return globals.values().stream().filter(g -> g.kind() == kind).map(Global::name).toList();
    }

    public List<Decl.Workflow> workflows() {
        return globals.values().stream().filter(g -> g.kind() == Kind.WORKFLOW).map(g -> (Decl.Workflow) g.decl()).toList();
    }

    public List<Decl.Budget> budgets() {
        return List.copyOf(budgets);
    }

    /** The first `import "std/..."` of the script or one of its own imports, or null. */
    public Decl.Import standardImport() {
        return standardImport;
    }

    /** The program's types: `type` declarations and what type expressions mean. */
    public DeclaredTypes types() {
        return types;
    }

    public String rootFile() {
        return rootFile;
    }
}

package dev.orch.compiler.test;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.Test;
import dev.orch.compiler.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;

/**
 * What one `test` block runs: the script's programs with each declaration the test makes replacing the one of the
 * same name (wherever it was declared, an import included) or added to the script, and the test's statements as a
 * workflow of their own, named {@link #workflowName}. Everything after this sees an ordinary program.
 */
public final class TestProgram {
    private static final String PREFIX = "test \"";

    private TestProgram() {}

    /** The name of the workflow a test's statements become: `test "NAME"`, which no declared workflow can have. */
    public static String workflowName(Test test) {
        return PREFIX + test.name() + "\"";
    }

    public static boolean isTestWorkflow(String workflow) {
        return workflow.startsWith(PREFIX);
    }

    /** {@code programs}: the script first, then its imports. Reports declarations a test may not make. */
    public static List<Program> of(List<Program> programs, Test test, Diagnostics diagnostics) {
        List<List<Decl>> declarations = new ArrayList<>();
        for (Program p : programs) declarations.add(new ArrayList<>(p.declarations()));
        List<Decl> added = new ArrayList<>();
        for (Decl d : test.declarations()) {
            String refused = refused(d);
            if (refused != null) {
                diagnostics.error(d.span(), "a test cannot declare " + refused,
                        "declare it at the top level of the script; a test may declare models, agents, tools, mcp servers, breakers and a budget");
                continue;
            }
            if (!replace(declarations, d, diagnostics)) added.add(d);
        }
        declarations.get(0).addAll(added);
        declarations.get(0).add(new Decl.Workflow(test.span(), workflowName(test), test.nameSpan(), List.of(), null, test.body()));
        List<Program> out = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) out.add(new Program(programs.get(i).file(), declarations.get(i)));
        return out;
    }

    /** What the declaration is, in a message's words, when a test may not make it; null when it may. */
    private static String refused(Decl d) {
        return switch (d) {
            case Decl.Workflow w when !w.isTool() -> "a workflow (" + w.name() + ")";
            case Decl.Type t -> "a type (" + t.name() + ")";
            case Decl.Import i -> "an import";
            default -> null;
        };
    }

    /** Replaces the script's declaration of the same name and kind; false when the script has none of that name. */
    private static boolean replace(List<List<Decl>> declarations, Decl replacement, Diagnostics diagnostics) {
        String name = name(replacement);
        for (List<Decl> decls : declarations) {
            for (int i = 0; i < decls.size(); i++) {
                Decl original = decls.get(i);
                if (!name.equals(name(original))) continue;
                if (!what(original).equals(what(replacement))) {
                    diagnostics.error(nameSpan(replacement), "the test declares " + what(replacement) + " '" + name
                                    + "', but the script's '" + name + "' (at " + where(original) + ") is " + what(original),
                            "a test replaces a declaration with one of the same kind; give this one another name");
                    return true;
                }
                decls.set(i, replacement);
                return true;
            }
        }
        return false;
    }

    private static String name(Decl d) {
        return switch (d) {
            case Decl.Model m -> m.name();
            case Decl.Agent a -> a.name();
            case Decl.Breaker b -> b.name();
            case Decl.Mcp m -> m.name();
            case Decl.Workflow w -> w.name();
            case Decl.Type t -> t.name();
            case Decl.Budget b -> "budget";
            case Decl.Import i -> "import " + i.path();
        };
    }

    private static Span nameSpan(Decl d) {
        return switch (d) {
            case Decl.Model m -> m.nameSpan();
            case Decl.Agent a -> a.nameSpan();
            case Decl.Breaker b -> b.nameSpan();
            case Decl.Mcp m -> m.nameSpan();
            case Decl.Workflow w -> w.nameSpan();
            default -> d.span();
        };
    }

    private static String what(Decl d) {
        return switch (d) {
            case Decl.Model m -> "a model";
            case Decl.Agent a -> "an agent";
            case Decl.Breaker b -> "a breaker";
            case Decl.Mcp m -> "an mcp server";
            case Decl.Workflow w -> w.isTool() ? "a tool" : "a workflow";
            case Decl.Type t -> "a type";
            case Decl.Budget b -> "a budget";
            case Decl.Import i -> "an import";
        };
    }

    private static String where(Decl d) {
        Span s = d.span();
        return (s.file().equals("") ? "" : s.file() + ":") + s.position();
    }
}

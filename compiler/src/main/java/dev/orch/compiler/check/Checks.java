package dev.orch.compiler.check;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.diag.Diagnostics;
import java.util.List;

/** Runs the static checks in a fixed order over a loaded program (the script first, then its imports). */
public final class Checks {
    private Checks() {}

    public static Declarations run(List<Program> programs, CompileOptions options, Diagnostics diagnostics) {
        return run(programs, options, diagnostics, true);
    }

    /** {@code needsMain}: whether running it starts at `main` (`orch test` starts at each test instead). */
    public static Declarations run(List<Program> programs, CompileOptions options, Diagnostics diagnostics, boolean needsMain) {
        Declarations declarations = Declarations.collect(programs, diagnostics);
        Usage usage = new Usage();
        new DeclarationChecker(declarations, usage, diagnostics).check();
        new McpChecker(declarations, options, diagnostics).check();
        new ToolDeclarationChecker(declarations, diagnostics).check();
        new ToolChecker(declarations, usage, options, diagnostics).check();
        NameResolver names = new NameResolver(declarations, usage, diagnostics);
        CallChecker calls = new CallChecker(declarations, options, diagnostics);
        TypeChecker types = new TypeChecker(declarations, usage, diagnostics);
        ControlFlowChecker flow = new ControlFlowChecker(diagnostics);
        ErrorKindChecker kinds = new ErrorKindChecker(diagnostics);
        for (Decl.Workflow w : declarations.workflows()) {
            names.check(w);
            calls.check(w);
            types.check(w);
            flow.check(w);
            kinds.check(w);
        }
        new TaintChecker(declarations, options, diagnostics).check();
        new ModelGrantChecker(declarations, options, diagnostics).check();
        new UnusedDeclarations(declarations, usage, diagnostics).check();
        if (needsMain && options.forRun() && declarations.find("main", Declarations.Kind.WORKFLOW) == null) {
            diagnostics.error(new Span(declarations.rootFile(), 1, 1, 1), "there is no workflow main to run",
                    "add the entry point: workflow main() { ... }");
        }
        return declarations;
    }
}

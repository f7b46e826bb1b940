package dev.orch.compiler.check;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.lang.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the type checker knows of each workflow's names (parameters, assignments, loop variables), for the editor's
 * hover and completion: the checker's own inference, run over checked programs with its diagnostics set aside.
 */
public final class LocalTypes {
    private LocalTypes() {}

    /** By workflow name, then by local name; a name whose type is unknown maps to {@link DataType#ANY}. */
    public static Map<String, Map<String, DataType>> of(List<Program> programs) {
        Diagnostics ignored = new Diagnostics();
        Declarations declarations = Declarations.collect(programs, ignored);
        Usage usage = new Usage();
        new DeclarationChecker(declarations, usage, ignored).check();
        TypeChecker types = new TypeChecker(declarations, usage, ignored);
        Map<String, Map<String, DataType>> out = new LinkedHashMap<>();
        for (Decl.Workflow w : declarations.workflows()) {
            types.check(w);
            out.put(w.name(), types.names());
        }
        return out;
    }

    /** The declarations of checked programs, to look a top-level name up by what it is. */
    public static Declarations declarations(List<Program> programs) {
        return Declarations.collect(programs, new Diagnostics());
    }
}

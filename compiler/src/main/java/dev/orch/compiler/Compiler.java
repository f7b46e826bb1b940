package dev.orch.compiler;

import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.parse.SourceParser;
import dev.orch.compiler.plan.BackEnd;
import dev.orch.compiler.plan.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The compiler's one entry point, shared by `orch check`, `plan`, `compile`, `run` and the REPL. */
public final class Compiler {
    private Compiler() {}

    public static Compilation compile(SourceFile source, CompileOptions options) {
        Map<String, SourceFile> sources = new LinkedHashMap<>();
        sources.put(source.path(), source);
        Diagnostics diagnostics = new Diagnostics();
        try {
            SourceParser.Result parsed = SourceParser.parse(source);
            diagnostics.addAll(parsed.diagnostics());
            if (parsed.program() == null) return new Compilation(sources, List.of(), diagnostics.sorted(), null);
            List<Program> programs = List.of(parsed.program());
            Plan plan = diagnostics.hasErrors() ? null : BackEnd.run(source, programs, diagnostics);
            return new Compilation(sources, programs, diagnostics.sorted(), plan);
        } catch (StackOverflowError e) {
            diagnostics.add(Diagnostic.error(new Span(source.path(), 1, 1, 1), "the script is nested too deeply to compile",
                    "split long expressions and deep blocks into named steps or workflows"));
            return new Compilation(sources, List.of(), diagnostics.sorted(), null);
        }
    }
}

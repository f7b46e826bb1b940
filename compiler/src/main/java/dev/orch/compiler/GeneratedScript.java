package dev.orch.compiler;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.check.Checks;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.load.ImportLoader;
import dev.orch.compiler.load.SourceReader;
import dev.orch.compiler.plan.BackEnd;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanDeclarations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles Orch source produced at run time (the text given to `run()`) with the same checks as a script. The
 * caller's models, agents and breakers are visible to it, as if imported; it may declare agents and workflows of
 * its own and import standard modules, but not models, breakers or a budget: it runs under its caller's, so the
 * caller's limits hold whatever the text says.
 */
public final class GeneratedScript {
    /** The name diagnostics give the generated text. */
    public static final String FILE = "generated.orch";

    private GeneratedScript() {}

    public static Compilation compile(String text, Plan caller, CompileOptions options) {
        SourceFile source = new SourceFile(FILE, text);
        Map<String, SourceFile> sources = new LinkedHashMap<>();
        sources.put(FILE, source);
        Diagnostics diagnostics = new Diagnostics();
        SourceReader noFiles = path -> {
            throw new IOException("generated source imports only standard modules");
        };
        try {
            ImportLoader.Result loaded = ImportLoader.load(source, noFiles);
            sources.putAll(loaded.sources());
            diagnostics.addAll(loaded.diagnostics());
            if (!loaded.complete()) return new Compilation(sources, loaded.programs(), diagnostics.sorted(), null);
            List<String> callerFiles = PlanDeclarations.files(caller);
            List<Program> programs = new ArrayList<>();
            for (Program p : loaded.programs()) {
                // A standard module the caller imported already is in the caller's declarations.
                if (!callerFiles.contains(p.file())) programs.add(p);
            }
            for (Decl d : loaded.programs().get(0).declarations()) refuseLimits(d, diagnostics);
            programs.add(PlanDeclarations.of(caller));
            Checks.run(programs, options, diagnostics);
            Plan plan = diagnostics.hasErrors() ? null : BackEnd.run(source, programs, diagnostics);
            return new Compilation(sources, programs, diagnostics.sorted(), plan);
        } catch (StackOverflowError e) {
            diagnostics.add(Diagnostic.error(new Span(FILE, 1, 1, 1), "the generated script is nested too deeply to compile",
                    "ask for a flatter script"));
            return new Compilation(sources, List.of(), diagnostics.sorted(), null);
        }
    }

    private static void refuseLimits(Decl d, Diagnostics diagnostics) {
        String what = switch (d) {
            case Decl.Model m -> "a model";
            case Decl.Breaker b -> "a breaker";
            case Decl.Budget b -> "a budget";
            case Decl.Mcp m -> "an MCP server";
            default -> null;
        };
        if (what == null) return;
        diagnostics.add(Diagnostic.error(d.span(), "a script run by run() cannot declare " + what,
                "it runs under its caller's models, breakers, MCP servers and budget; use the caller's models by name"));
    }
}

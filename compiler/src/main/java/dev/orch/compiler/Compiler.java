package dev.orch.compiler;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.check.Checks;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.load.ImportLoader;
import dev.orch.compiler.load.ImportScope;
import dev.orch.compiler.load.SourceReader;
import dev.orch.compiler.plan.BackEnd;
import dev.orch.compiler.plan.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The compiler's one entry point, shared by `orch check`, `plan`, `compile`, `run` and the REPL. */
public final class Compiler {
    private Compiler() {}

    /** Reads imports from the disk, confined to the script's folder and the folders `--allow read:PATH` opened. */
    public static Compilation compile(SourceFile source, CompileOptions options) {
        ImportScope scope = ImportScope.of(source.path(), options.readablePaths());
        return compile(source, options, scope.disk(), scope);
    }

    /** As {@link #compile(SourceFile, CompileOptions)}, reading imported files through {@code imports}. */
    public static Compilation compile(SourceFile source, CompileOptions options, SourceReader imports) {
        return compile(source, options, imports, ImportScope.of(source.path(), options.readablePaths()));
    }

    private static Compilation compile(SourceFile source, CompileOptions options, SourceReader imports, ImportScope scope) {
        Map<String, SourceFile> sources = new LinkedHashMap<>();
        sources.put(source.path(), source);
        Diagnostics diagnostics = new Diagnostics();
        try {
            // 1. Load: parse the script and every file it imports.
            ImportLoader.Result loaded = ImportLoader.load(source, imports, scope);
            sources.putAll(loaded.sources());
            diagnostics.addAll(loaded.diagnostics());
            // 2. Check, only a complete program: a file that did not parse would make every name it declares "undefined".
            if (!loaded.complete()) return new Compilation(sources, loaded.programs(), diagnostics.sorted(), null);
            Checks.run(loaded.programs(), options, diagnostics);
            // 3. Plan, only a program without errors: dependency and race checks, waves, estimate.
            Plan plan = diagnostics.hasErrors() ? null : BackEnd.run(source, loaded.programs(), diagnostics);
            return new Compilation(sources, loaded.programs(), diagnostics.sorted(), plan);
        } catch (StackOverflowError e) {
            diagnostics.add(Diagnostic.error(new Span(source.path(), 1, 1, 1), "the script is nested too deeply to compile",
                    "split long expressions and deep blocks into named steps or workflows"));
            return new Compilation(sources, List.of(), diagnostics.sorted(), null);
        }
    }
}

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
import dev.orch.compiler.ast.Test;
import dev.orch.compiler.test.CompiledTest;
import dev.orch.compiler.test.TestCompiler;
import java.util.ArrayList;
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

    /**
     * `orch check` and `orch test`: the script as {@link #compile(SourceFile, CompileOptions)} does (a script with
     * tests needs no `main`), then each `test` block of the script as the script with the test's declarations in
     * place of its own. A test adds the diagnostics inside it and the errors its replacements cause elsewhere.
     */
    public static Compilation compileWithTests(SourceFile source, CompileOptions options) {
        ImportScope scope = ImportScope.of(source.path(), options.readablePaths());
        return withTests(source, options, compile(source, options, scope.disk(), scope, false));
    }

    /** As {@link #compileWithTests(SourceFile, CompileOptions)}, reading imported files through {@code imports}. */
    public static Compilation compileWithTests(SourceFile source, CompileOptions options, SourceReader imports) {
        ImportScope scope = ImportScope.of(source.path(), options.readablePaths());
        return withTests(source, options, compile(source, options, imports, scope, false));
    }

    private static Compilation withTests(SourceFile source, CompileOptions options, Compilation script) {
        if (script.hasErrors() || script.programs().isEmpty() || script.programs().get(0).tests().isEmpty()) return script;
        List<Diagnostic> all = new ArrayList<>(script.diagnostics());
        List<CompiledTest> tests = new ArrayList<>();
        for (Test test : script.programs().get(0).tests()) {
            CompiledTest compiled = TestCompiler.compile(source, script, test, options);
            all.addAll(compiled.diagnostics());
            tests.add(compiled);
        }
        all.sort(Diagnostic.BY_POSITION);
        return new Compilation(script.sources(), script.programs(), all, script.plan(), tests);
    }

    private static Compilation compile(SourceFile source, CompileOptions options, SourceReader imports, ImportScope scope) {
        return compile(source, options, imports, scope, true);
    }

    private static Compilation compile(SourceFile source, CompileOptions options, SourceReader imports, ImportScope scope,
                                       boolean needsMain) {
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
            Checks.run(loaded.programs(), options, diagnostics, needsMain);
            // 3. Plan, only a program without errors: dependency and race checks, waves, estimate.
            Plan plan = diagnostics.hasErrors() ? null : BackEnd.run(source, loaded.programs(), diagnostics, needsMain);
            return new Compilation(sources, loaded.programs(), diagnostics.sorted(), plan);
        } catch (StackOverflowError e) {
            diagnostics.add(Diagnostic.error(new Span(source.path(), 1, 1, 1), "the script is nested too deeply to compile",
                    "split long expressions and deep blocks into named steps or workflows"));
            return new Compilation(sources, List.of(), diagnostics.sorted(), null);
        }
    }
}

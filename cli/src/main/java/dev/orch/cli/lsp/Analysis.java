package dev.orch.cli.lsp;

import dev.orch.compiler.Compilation;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Test;
import dev.orch.compiler.check.LocalTypes;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.lang.DataType;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.test.CompiledTest;
import dev.orch.compiler.test.TestProgram;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of an open document, compiled as `orch check` compiles it. What the editor features read besides the
 * diagnostics (the symbol index, the names' types) is built on first use and kept for this version.
 */
final class Analysis {
    final String uri;
    final int version;
    final SourceFile source;
    final Compilation compilation;
    final LineMap lines;
    private SymbolIndex index;
    private Map<String, Map<String, DataType>> types;

    Analysis(String uri, int version, SourceFile source, Compilation compilation) {
        this.uri = uri;
        this.version = version;
        this.source = source;
        this.compilation = compilation;
        this.lines = new LineMap(source.text());
    }

    /** Whether the script itself parsed: a syntax error leaves no program to index. */
    boolean parsed() {
        return !compilation.programs().isEmpty() && compilation.programs().get(0).file().equals(source.path());
    }

    Program script() {
        return compilation.programs().get(0);
    }

    synchronized SymbolIndex index() {
        if (index == null) index = SymbolIndex.of(parsed() ? compilation.programs() : List.of());
        return index;
    }

    /** The plan a scope's calls are estimated in: the script's, or a test's own; null when there are errors. */
    Plan plan(String scope) {
        if (scope == null) return compilation.plan();
        for (CompiledTest t : compilation.tests()) if (t.workflow().equals(scope)) return t.plan();
        return compilation.plan();
    }

    /**
     * The workflow or test a 1-based line lies in (by the name {@link SymbolIndex} gives its scope), or null at the
     * top level: a workflow runs from its first line to the line before the next declaration.
     */
    String scopeAt(int line) {
        if (!parsed()) return null;
        for (Test t : script().tests()) if (t.span().line() <= line && line <= t.end().line()) return TestProgram.workflowName(t);
        String scope = null;
        for (Decl d : script().declarations()) {
            if (d.span().line() > line) break;
            scope = d instanceof Decl.Workflow w ? w.name() : null;
        }
        return scope;
    }

    /** The type of a workflow's or a test's name, as the type checker infers it; {@link DataType#ANY} when unknown. */
    synchronized DataType type(String scope, String name) {
        if (!parsed()) return DataType.ANY;
        if (types == null) {
            types = new HashMap<>(LocalTypes.of(compilation.programs()));
            for (Test t : script().tests()) {
                String test = TestProgram.workflowName(t);
                types.put(test, LocalTypes.of(TestProgram.of(compilation.programs(), t, new Diagnostics())).getOrDefault(test, Map.of()));
            }
        }
        return types.getOrDefault(scope, Map.of()).getOrDefault(name, DataType.ANY);
    }
}

package dev.orch.cli.lsp;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.Test;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;

/**
 * A script's outline: its declarations and tests, each from its first line to the line before the next one (a
 * test to its closing brace), named as the script names them.
 */
final class Outline {
    private record Entry(String name, SymbolKind kind, String detail, Span span, Span nameSpan, Span end) {}

    private Outline() {}

    static List<DocumentSymbol> of(Analysis analysis) {
        if (!analysis.parsed()) return List.of();
        Program script = analysis.script();
        List<Entry> entries = new ArrayList<>();
        for (Decl d : script.declarations()) {
            Entry e = switch (d) {
                case Decl.Model m -> new Entry(m.name(), SymbolKind.Constant, "model = " + m.provider(), m.span(), m.nameSpan(), null);
                case Decl.Agent a -> new Entry(a.name(), SymbolKind.Class, "agent", a.span(), a.nameSpan(), null);
                case Decl.Breaker b -> new Entry(b.name(), SymbolKind.Constant, "breaker", b.span(), b.nameSpan(), null);
                case Decl.Workflow w -> new Entry(w.name(), SymbolKind.Function, w.isTool() ? "tool" : "workflow", w.span(), w.nameSpan(), null);
                case Decl.Type t -> new Entry(t.name(), SymbolKind.Struct, "type", t.span(), t.nameSpan(), null);
                case Decl.Mcp m -> new Entry(m.name(), SymbolKind.Module, "mcp", m.span(), m.nameSpan(), null);
                case Decl.Budget b -> new Entry("budget", SymbolKind.Property, "budget", b.span(), b.span(), null);
                case Decl.Import i -> new Entry(i.path(), SymbolKind.File, "import", i.span(), i.pathSpan(), null);
            };
            entries.add(e);
        }
        for (Test t : script.tests()) entries.add(new Entry(t.name(), SymbolKind.Event, "test", t.span(), t.nameSpan(), t.end()));
        entries.sort(Comparator.comparingInt((Entry e) -> e.span().line()).thenComparingInt(e -> e.span().col()));
        List<DocumentSymbol> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int lastLine = e.end() != null ? e.end().line()
                    : i + 1 < entries.size() ? Math.max(e.span().line(), entries.get(i + 1).span().line() - 1) : analysis.lines.lineCount();
            while (lastLine > e.span().line() && analysis.lines.line(lastLine - 1).isBlank()) lastLine--;
            Position start = analysis.lines.position(e.span().line(), e.span().col());
            Position end = new Position(lastLine - 1, analysis.lines.line(lastLine - 1).length());
            Range selection = analysis.lines.range(e.nameSpan());
            out.add(new DocumentSymbol(e.name(), e.kind(), new Range(start, end), selection, e.detail()));
        }
        return out;
    }
}

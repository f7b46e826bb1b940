package dev.orch.cli.lsp;

import dev.orch.compiler.check.Declarations;
import dev.orch.compiler.check.LocalTypes;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.Keywords;
import dev.orch.compiler.lang.DataType;
import dev.orch.compiler.lang.Provider;
import dev.orch.compiler.lang.ReplyField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Position;

/**
 * What completion offers where the cursor is: after `name.`, the fields of that name's type (a declared type's
 * fields, or a reply's `.tokens_in`, `.cost`, ...); elsewhere the REPL's words (keywords, builtins, providers),
 * the script's declarations and the names of the workflow the cursor is in. Read from the text before the cursor,
 * which rarely parses while one types, and from the latest analysis whose script did.
 */
final class Completions {
    private Completions() {}

    static List<CompletionItem> at(Analysis analysis, String lineBefore, Position position) {
        int start = lineBefore.length();
        while (start > 0 && isNamePart(lineBefore.charAt(start - 1))) start--;
        String prefix = lineBefore.substring(start);
        String scope = analysis.scopeAt(LineMap.line(position));
        if (start > 0 && lineBefore.charAt(start - 1) == '.') {
            int end = start - 1;
            int from = end;
            while (from > 0 && isNamePart(lineBefore.charAt(from - 1))) from--;
            return fields(analysis.type(scope, lineBefore.substring(from, end)), prefix);
        }
        Map<String, CompletionItem> items = new LinkedHashMap<>();
        if (scope != null) {
            for (Occurrence o : analysis.index().locals(scope)) {
                items.putIfAbsent(o.symbol().name(), item(o.symbol().name(), CompletionItemKind.Variable,
                        analysis.type(scope, o.symbol().name()).show()));
            }
        }
        if (analysis.parsed()) {
            for (Declarations.Global g : LocalTypes.declarations(analysis.compilation.programs()).all()) {
                items.putIfAbsent(g.name(), item(g.name(), kind(g.kind()), g.article()));
            }
        }
        for (Builtin b : Builtin.values()) items.putIfAbsent(b.callName, item(b.callName, CompletionItemKind.Function, b.signature()));
        for (Provider p : Provider.values()) items.putIfAbsent(p.word, item(p.word, CompletionItemKind.Constructor, "provider"));
        for (String k : Keywords.all()) items.putIfAbsent(k, item(k, CompletionItemKind.Keyword, "keyword"));
        return items.values().stream().filter(i -> i.getLabel().startsWith(prefix)).toList();
    }

    private static List<CompletionItem> fields(DataType type, String prefix) {
        List<CompletionItem> out = new ArrayList<>();
        if (type.value() instanceof DataType.Obj o) {
            for (DataType.Field f : o.fields()) out.add(item(f.name(), CompletionItemKind.Field, f.type().show() + (f.optional() ? "?" : "")));
        }
        if (type instanceof DataType.Reply) {
            for (ReplyField r : ReplyField.values()) out.add(item(r.fieldName(), CompletionItemKind.Property, r.type.describe()));
        }
        return out.stream().filter(i -> i.getLabel().startsWith(prefix)).toList();
    }

    private static CompletionItem item(String label, CompletionItemKind kind, String detail) {
        CompletionItem item = new CompletionItem(label);
        item.setKind(kind);
        item.setDetail(detail);
        return item;
    }

    private static CompletionItemKind kind(Declarations.Kind kind) {
        return switch (kind) {
            case MODEL -> CompletionItemKind.Constant;
            case AGENT -> CompletionItemKind.Class;
            case BREAKER -> CompletionItemKind.Constant;
            case WORKFLOW -> CompletionItemKind.Function;
            case MCP -> CompletionItemKind.Module;
            case TYPE -> CompletionItemKind.Struct;
        };
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}

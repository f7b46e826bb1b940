package dev.orch.cli.lsp;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.TypeExpr;
import dev.orch.compiler.check.Declarations;
import dev.orch.compiler.check.LocalTypes;
import dev.orch.compiler.lang.DataType;
import dev.orch.grammar.OrchLexer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/** Go to definition, find references and rename, read from one document version's {@link SymbolIndex}. */
final class Navigation {
    /** A rename the server refuses, with the reason the editor shows. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final Analysis analysis;
    private final Documents documents;

    Navigation(Analysis analysis, Documents documents) {
        this.analysis = analysis;
        this.documents = documents;
    }

    Occurrence at(Position p) {
        return analysis.index().at(analysis.source.path(), LineMap.line(p), analysis.lines.column(p));
    }

    List<Location> definition(Position p) {
        Occurrence at = at(p);
        if (at == null) return List.of();
        if (at.symbol() instanceof Symbol.File f) {
            return List.of(new Location(documents.uri(f.name()), new Range(new Position(0, 0), new Position(0, 0))));
        }
        if (at.symbol() instanceof Symbol.Field f) {
            Span field = declaredField(f);
            return field == null ? List.of() : List.of(location(field));
        }
        Occurrence d = analysis.index().definition(at.symbol());
        return d == null ? List.of() : List.of(location(d.span()));
    }

    List<Location> references(Position p, boolean withDeclaration) {
        Occurrence at = at(p);
        if (at == null || at.symbol() instanceof Symbol.File) return List.of();
        return analysis.index().of(at.symbol()).stream()
                .filter(o -> withDeclaration || !o.declares())
                .map(o -> location(o.span())).toList();
    }

    WorkspaceEdit rename(Position p, String newName) {
        Occurrence at = at(p);
        if (at == null) throw new Refused("there is no name here to rename");
        if (at.symbol() instanceof Symbol.Builtin b) throw new Refused("'" + b.name() + "' is a builtin; its name cannot change");
        if (at.symbol() instanceof Symbol.File) throw new Refused("an import's path is not a name; rename the file instead");
        if (at.symbol() instanceof Symbol.Field f) throw new Refused("'" + f.name() + "' is a field: its type declares it, and a reply's JSON carries it");
        if (!isName(newName)) throw new Refused("'" + newName + "' is not a name: use letters, digits and '_', not starting with a digit, and no keyword");
        Map<String, List<TextEdit>> edits = new LinkedHashMap<>();
        for (Occurrence o : analysis.index().of(at.symbol())) {
            edits.computeIfAbsent(documents.uri(o.span().file()), u -> new ArrayList<>())
                    .add(new TextEdit(range(o.span()), newName));
        }
        return new WorkspaceEdit(edits);
    }

    /** Where a declared type names the field: `score` in `type Verdict { approved: bool, score: number }`. */
    private Span declaredField(Symbol.Field f) {
        if (!(analysis.type(f.scope(), f.target()).value() instanceof DataType.Obj o) || o.name() == null) return null;
        Declarations.Global g = LocalTypes.declarations(analysis.compilation.programs()).find(o.name(), Declarations.Kind.TYPE);
        if (g == null || !(g.decl() instanceof Decl.Type t)) return null;
        for (TypeExpr.Field field : t.body().fields()) if (field.name().equals(f.name())) return field.span();
        return null;
    }

    private Location location(Span span) {
        return new Location(documents.uri(span.file()), range(span));
    }

    /** A span of the document itself maps through its lines; one in an imported file is read from its own text. */
    private Range range(Span span) {
        if (span.file().equals(analysis.source.path())) return analysis.lines.range(span);
        var other = analysis.compilation.sources().get(span.file());
        return (other == null ? analysis.lines : new LineMap(other.text())).range(span);
    }

    /** Whether the text lexes as one plain name: not a keyword, not two words. */
    static boolean isName(String text) {
        OrchLexer lexer = new OrchLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<? extends Token> tokens = lexer.getAllTokens();
        return tokens.size() == 1 && tokens.get(0).getType() == OrchLexer.NAME;
    }
}

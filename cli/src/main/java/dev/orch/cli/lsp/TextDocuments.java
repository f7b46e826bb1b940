package dev.orch.cli.lsp;

import dev.orch.compiler.format.Formatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The document half of the server. Opening or changing a document schedules its compilation after a quiet spell
 * ({@code debounceMs}, so typing does not compile every keystroke) and publishes its diagnostics; a request compiles
 * the latest text at once if that has not happened yet, so an answer never reads an older version than the
 * request's. Compilations run one at a time on the analysis thread.
 */
final class TextDocuments implements TextDocumentService {
    private final Documents documents;
    private final ScheduledExecutorService analysis;
    private final long debounceMs;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private volatile LanguageClient client;

    TextDocuments(Documents documents, ScheduledExecutorService analysis, long debounceMs) {
        this.documents = documents;
        this.analysis = analysis;
        this.debounceMs = debounceMs;
    }

    void connect(LanguageClient client) {
        this.client = client;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var doc = params.getTextDocument();
        documents.update(doc.getUri(), doc.getText(), doc.getVersion());
        schedule(doc.getUri(), 0);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        String text = documents.text(uri);
        for (TextDocumentContentChangeEvent change : params.getContentChanges()) text = applied(text, change);
        documents.update(uri, text, params.getTextDocument().getVersion());
        schedule(uri, debounceMs);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        ScheduledFuture<?> p = pending.remove(uri);
        if (p != null) p.cancel(false);
        documents.close(uri);
        LanguageClient c = client;
        if (c != null) c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // The text is the editor's already; an import that changed on the disk is read again at the next change.
    }

    private void schedule(String uri, long delayMs) {
        ScheduledFuture<?> next = analysis.schedule(() -> publish(uri), delayMs, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> before = pending.put(uri, next);
        if (before != null) before.cancel(false);
    }

    private void publish(String uri) {
        Analysis a = documents.analyze(uri);
        LanguageClient c = client;
        if (a != null && c != null) c.publishDiagnostics(PublishedDiagnostics.of(a));
    }

    /** A full change replaces the text; an incremental one replaces its range. */
    private static String applied(String text, TextDocumentContentChangeEvent change) {
        if (change.getRange() == null || text == null) return change.getText();
        LineMap lines = new LineMap(text);
        int from = offset(text, lines, change.getRange().getStart());
        int to = offset(text, lines, change.getRange().getEnd());
        return text.substring(0, from) + change.getText() + text.substring(Math.max(from, to));
    }

    private static int offset(String text, LineMap lines, org.eclipse.lsp4j.Position p) {
        int offset = 0;
        for (int line = 0; line < p.getLine() && line < lines.lineCount(); line++) {
            int nl = text.indexOf('\n', offset);
            if (nl < 0) return text.length();
            offset = nl + 1;
        }
        return Math.min(text.length(), offset + Math.min(p.getCharacter(), lines.line(p.getLine()).length()));
    }

    // ---- requests ---------------------------------------------------------------------------------------------

    private <T> CompletableFuture<T> answer(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, analysis);
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return answer(() -> {
            Analysis a = documents.indexed(params.getTextDocument().getUri());
            if (a == null) return null;
            Occurrence at = new Navigation(a, documents).at(params.getPosition());
            if (at == null) return null;
            return new Hover(new MarkupContent(MarkupKind.MARKDOWN, Hovers.of(a, at)), a.lines.range(at.span()));
        });
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return answer(() -> {
            String uri = params.getTextDocument().getUri();
            Analysis a = documents.indexed(uri);
            if (a == null) return Either.forLeft(List.of());
            String before = new LineMap(documents.text(uri)).before(params.getPosition());
            return Either.forLeft(Completions.at(a, before, params.getPosition()));
        });
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
        return answer(() -> {
            Analysis a = documents.indexed(params.getTextDocument().getUri());
            if (a == null) return Either.forLeft(List.of());
            return Either.forLeft(new Navigation(a, documents).definition(params.getPosition()));
        });
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        return answer(() -> {
            Analysis a = documents.indexed(params.getTextDocument().getUri());
            if (a == null) return List.of();
            boolean withDeclaration = params.getContext() == null || params.getContext().isIncludeDeclaration();
            return new Navigation(a, documents).references(params.getPosition(), withDeclaration);
        });
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return answer(() -> {
            Analysis a = documents.latest(params.getTextDocument().getUri());
            if (a == null) return null;
            if (!a.parsed()) throw refused("fix the syntax error first: a rename needs the whole script");
            try {
                return new Navigation(a, documents).rename(params.getPosition(), params.getNewName());
            } catch (Navigation.Refused e) {
                throw refused(e.getMessage());
            }
        });
    }

    private static ResponseErrorException refused(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest, message, null));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        return answer(() -> {
            Analysis a = documents.indexed(params.getTextDocument().getUri());
            if (a == null) return List.of();
            return Outline.of(a).stream().map(Either::<SymbolInformation, DocumentSymbol>forRight).toList();
        });
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return answer(() -> {
            Analysis a = documents.latest(params.getTextDocument().getUri());
            if (a == null) return List.of();
            return switch (Formatter.format(a.source)) {
                case Formatter.Result.Refused refused -> List.of();
                case Formatter.Result.Formatted formatted -> formatted.text().equals(a.source.text()) ? List.of()
                        : List.of(new TextEdit(a.lines.whole(), formatted.text()));
            };
        });
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        return answer(() -> {
            Analysis a = documents.latest(params.getTextDocument().getUri());
            return a == null ? List.of() : PlanLenses.of(a);
        });
    }
}

package dev.orch.cli.lsp;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageServer;

/** An editor session with `orch lsp` for a test: a {@link LocalClient} with the steps tests repeat. */
final class LspSession implements AutoCloseable {
    private final LocalClient client;
    final LanguageServer server;
    final BlockingQueue<MessageParams> messages;
    private int version = 1;

    LspSession() throws Exception {
        client = LocalClient.start();
        server = client.server;
        messages = client.messages;
    }

    static String uri(Path file) {
        return file.toUri().toString();
    }

    void open(Path file, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri(file), "orch", version++, text)));
    }

    void change(Path file, String text) {
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri(file), version++), List.of(new TextDocumentContentChangeEvent(text))));
    }

    /** The next diagnostics published for a file (skipping other files'), within ten seconds. */
    PublishDiagnosticsParams published(Path file) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            PublishDiagnosticsParams p = client.diagnostics.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && p.getUri().equals(uri(file))) return p;
        }
        throw new AssertionError("no diagnostics published for " + file + " within 10 s");
    }

    static TextDocumentIdentifier doc(Path file) {
        return new TextDocumentIdentifier(uri(file));
    }

    /** The position of the {@code nth} (0-based) occurrence of {@code word} in the text, plus {@code into} characters. */
    static Position at(String text, String word, int nth, int into) {
        int from = -1;
        for (int i = 0; i <= nth; i++) {
            from = text.indexOf(word, from + 1);
            if (from < 0) throw new IllegalArgumentException("no occurrence " + nth + " of " + word);
        }
        int line = (int) text.substring(0, from).chars().filter(c -> c == '\n').count();
        int col = from - (text.lastIndexOf('\n', from - 1) + 1);
        return new Position(line, col + into);
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}

package dev.orch.cli.lsp;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * An editor's side of `orch lsp` in-process: lsp4j's client launcher on piped streams to the real server, so every
 * request and notification crosses the JSON-RPC wire as an editor's would. Published diagnostics and shown messages
 * are queued for the test to take.
 */
final class LspSession implements AutoCloseable {
    final LanguageServer server;
    final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
    final BlockingQueue<MessageParams> messages = new LinkedBlockingQueue<>();
    private final Thread serverThread;
    private final PipedOutputStream toServer;
    private int version = 1;

    LspSession() throws Exception {
        toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        PipedOutputStream fromServer = new PipedOutputStream();
        PipedInputStream clientIn = new PipedInputStream(fromServer, 1 << 16);
        int[] exit = {-1};
        serverThread = new Thread(() -> {
            exit[0] = OrchLanguageServer.serve(serverIn, fromServer, "test");
            // As a process's stdout closes when it ends: the client reads the end, not a broken pipe.
            try {
                fromServer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "lsp-server");
        serverThread.setDaemon(true);
        serverThread.start();
        LanguageClient client = new LanguageClient() {
            @Override
            public void telemetryEvent(Object object) {
            }

            @Override
            public void publishDiagnostics(PublishDiagnosticsParams params) {
                diagnostics.add(params);
            }

            @Override
            public void showMessage(MessageParams params) {
                messages.add(params);
            }

            @Override
            public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void logMessage(MessageParams message) {
            }
        };
        var launcher = LSPLauncher.createClientLauncher(client, clientIn, toServer);
        launcher.startListening();
        server = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        server.initialize(init).get(30, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
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
            PublishDiagnosticsParams p = diagnostics.poll(100, TimeUnit.MILLISECONDS);
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
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
            server.exit();
            serverThread.join(10_000);
        } finally {
            try {
                toServer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package dev.orch.cli.lsp;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * An editor's end of `orch lsp` inside this process: lsp4j's client launcher on pipes to a real server, so every
 * message crosses the JSON-RPC wire as an editor's does. What the tests and the `lsp` benchmark drive the server
 * through. Published diagnostics and shown messages queue up for the caller to take.
 */
public final class LocalClient implements AutoCloseable {
    public final LanguageServer server;
    public final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
    public final BlockingQueue<MessageParams> messages = new LinkedBlockingQueue<>();
    private final Thread serving;
    private final PipedOutputStream toServer;

    private LocalClient() throws IOException {
        toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 20);
        PipedOutputStream fromServer = new PipedOutputStream();
        PipedInputStream clientIn = new PipedInputStream(fromServer, 1 << 20);
        serving = new Thread(() -> {
            OrchLanguageServer.serve(serverIn, fromServer, "local");
            // As a process's stdout closes when it ends: the client reads the end, not a broken pipe.
            try {
                fromServer.close();
            } catch (IOException e) {
                // nothing is left to read it
            }
        }, "orch-lsp-local");
        serving.setDaemon(true);
        serving.start();
        var launcher = LSPLauncher.createClientLauncher(new Editor(), clientIn, toServer);
        launcher.startListening();
        server = launcher.getRemoteProxy();
    }

    /** A server started and initialized, as an editor starts it. */
    public static LocalClient start() throws Exception {
        LocalClient c = new LocalClient();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        c.server.initialize(init).get(30, TimeUnit.SECONDS);
        c.server.initialized(new InitializedParams());
        return c;
    }

    /** The protocol's goodbye: `shutdown`, then `exit`, then the server's end. */
    @Override
    public void close() throws Exception {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
            server.exit();
            serving.join(10_000);
        } finally {
            toServer.close();
        }
    }

    private final class Editor implements LanguageClient {
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
    }
}

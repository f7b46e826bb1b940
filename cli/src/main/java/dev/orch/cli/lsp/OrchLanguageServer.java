package dev.orch.cli.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** `orch lsp`: the Language Server on lsp4j, over a pair of streams (stdio for an editor, pipes in tests). */
public final class OrchLanguageServer implements LanguageServer, LanguageClientAware {
    /** How long typing must pause before a changed document is compiled again. */
    public static final long DEBOUNCE_MS = 50;

    private final ScheduledExecutorService analysis = Executors.newSingleThreadScheduledExecutor(work -> {
        // The compiler recurses once per nesting level: the deep stack `orch` gives its own compiler thread.
        Thread t = new Thread(null, work, "orch-lsp-analysis", 256L << 20);
        t.setDaemon(true);
        return t;
    });
    private final Documents documents = new Documents();
    private final TextDocuments text;
    private final Workspace workspace = new Workspace(documents, analysis);
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean shutdown;

    private final String version;

    public OrchLanguageServer(long debounceMs, String version) {
        this.text = new TextDocuments(documents, analysis, debounceMs);
        this.version = version;
    }

    /**
     * Serves one client until it says `exit` or closes the input. The exit code is the protocol's: 0 when `shutdown`
     * came first, 1 otherwise.
     */
    public static int serve(InputStream in, OutputStream out, String version) {
        OrchLanguageServer server = new OrchLanguageServer(DEBOUNCE_MS, version);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        Thread input = new Thread(() -> {
            try {
                listening.get();
            } catch (InterruptedException | ExecutionException e) {
                // the input broke: the client is gone, as when it closes
            }
            server.exit.complete(server.shutdown ? 0 : 1);
        }, "orch-lsp-input");
        input.setDaemon(true);
        input.start();
        try {
            return server.exit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException e) {
            return 1;
        } finally {
            server.analysis.shutdownNow();
        }
    }

    @Override
    public void connect(LanguageClient client) {
        text.connect(client);
        workspace.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        ServerCapabilities c = new ServerCapabilities();
        c.setTextDocumentSync(TextDocumentSyncKind.Incremental);
        c.setHoverProvider(true);
        c.setCompletionProvider(new CompletionOptions(false, List.of(".")));
        c.setDefinitionProvider(true);
        c.setReferencesProvider(true);
        c.setRenameProvider(true);
        c.setDocumentSymbolProvider(true);
        c.setDocumentFormattingProvider(true);
        c.setCodeLensProvider(new CodeLensOptions(false));
        c.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(PlanLenses.COMMAND)));
        return CompletableFuture.completedFuture(new InitializeResult(c, new ServerInfo("orch", version)));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        exit.complete(shutdown ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return text;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }
}

package dev.orch.cli.lsp;

import dev.orch.compiler.plan.render.PlanFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The workspace half: the {@value PlanLenses#COMMAND} command that the "plan" lens runs. */
final class Workspace implements WorkspaceService {
    private final Documents documents;
    private final Executor analysis;
    private volatile LanguageClient client;

    Workspace(Documents documents, Executor analysis) {
        this.documents = documents;
        this.analysis = analysis;
    }

    void connect(LanguageClient client) {
        this.client = client;
    }

    /** The script's plan as `orch plan` prints it; also shown to the user, since a lens's command has no view of its own. */
    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        return CompletableFuture.supplyAsync(() -> {
            if (!PlanLenses.COMMAND.equals(params.getCommand())) return null;
            List<Object> args = params.getArguments();
            String uri = args == null || args.isEmpty() ? null : argument(args.get(0));
            Analysis a = uri == null ? null : documents.latest(uri);
            String text = a == null ? "orch: that document is not open"
                    : a.compilation.plan() == null ? "orch: no plan while the script has errors (see its diagnostics)"
                    : PlanFormat.TEXT.render(a.compilation.plan());
            LanguageClient c = client;
            if (c != null) c.showMessage(new MessageParams(a != null && a.compilation.plan() != null ? MessageType.Info : MessageType.Warning, text));
            return text;
        }, analysis);
    }

    /** An argument arrives as JSON: a string primitive, printed with its quotes by toString. */
    private static String argument(Object o) {
        if (o instanceof com.google.gson.JsonPrimitive p) return p.getAsString();
        return String.valueOf(o);
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    }
}

package dev.orch.bench;

import dev.orch.cli.lsp.LocalClient;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * How soon an editor sees diagnostics after a change: a 2,000-line script ({@link Scripts#manyWorkflows}) open in
 * `orch lsp` (in-process, over piped JSON-RPC as an editor talks to it), one prompt's text changed, and the time
 * until the server publishes that version's diagnostics, its 50 ms typing pause included. The baseline is what
 * `orch check` spends on the same text in the same process (Compiler.compileWithTests), so the ratio is the server's
 * cost over the compile itself. The claim is the limit: within 200 ms.
 */
final class LspBench {
    static final double TARGET_MS = 200;
    static final int LINES = 2_000;

    private LspBench() {}

    static void run() throws Exception {
        String text = script();
        Path file = Files.createTempDirectory("orch-lsp-bench").resolve("big.orch");
        Files.writeString(file, text);
        String uri = file.toUri().toString();
        SourceFile source = new SourceFile(file.toString(), text);
        var compiled = Compiler.compileWithTests(source, CompileOptions.CHECK);
        if (compiled.hasErrors()) throw new IllegalStateException(compiled.render());
        Row.note("lsp: %,d lines, %d diagnostics (warnings)", Scripts.lines(text), compiled.diagnostics().size());

        LocalClient client = LocalClient.start();
        LanguageServer server = client.server;
        BlockingQueue<PublishDiagnosticsParams> published = client.diagnostics;
        int[] version = {1};
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "orch", version[0], text)));
        awaitVersion(published, version[0]);

        Map<String, Samples> s = new Interleaved()
                .add("lsp", () -> {
                    int v = ++version[0];
                    // Alternate the text, so every change is a real one: a prompt's wording, as one edits it.
                    String changed = v % 2 == 0 ? text.replace("\"find {topic} 0\"", "\"look for {topic} 0\"") : text;
                    long start = System.nanoTime();
                    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                            new VersionedTextDocumentIdentifier(uri, v), List.of(new TextDocumentContentChangeEvent(changed))));
                    awaitVersion(published, v);
                    return (System.nanoTime() - start) / 1e6;
                })
                .add("check", Trial.timed(() -> Compiler.compileWithTests(source, CompileOptions.CHECK)))
                .run(5, 15);
        client.close();
        Samples lsp = s.get("lsp");
        Samples check = s.get("check");
        new Row("lsp: diagnostics published after a change vs `orch check`'s compile of the same text",
                String.format(Locale.ROOT, "%,d lines", Scripts.lines(text)), Row.ms(lsp), Row.ms(check),
                Row.ratio(lsp.median() / check.median()) + String.format(Locale.ROOT, " (worst %s ms)", Row.figure(lsp.worst())),
                "<= " + Row.figure(TARGET_MS) + " ms", lsp.median() <= TARGET_MS).print();
    }

    private static String script() {
        return Scripts.manyWorkflows(LINES);
    }

    private static void awaitVersion(BlockingQueue<PublishDiagnosticsParams> published, int version) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = published.poll(30, TimeUnit.SECONDS);
            if (p == null) throw new IllegalStateException("no diagnostics for version " + version + " within 30 s");
            if (p.getVersion() != null && p.getVersion() == version) return;
        }
    }
}

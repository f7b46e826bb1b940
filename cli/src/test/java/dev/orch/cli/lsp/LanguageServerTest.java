package dev.orch.cli.lsp;

import static dev.orch.cli.lsp.LspSession.at;
import static dev.orch.cli.lsp.LspSession.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.format.Formatter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `orch lsp` as an editor meets it: every feature through lsp4j's client over the JSON-RPC wire. */
class LanguageServerTest {
    static final String SCRIPT = """
            import "lib.orch"

            model fast = mock(latency: 1ms, price_in: 2, price_out: 8)
            agent reviewer { model: fast, system: "You review drafts.", max_tokens: 300 }

            type Verdict { approved: bool, score: number }
            agent judge { model: fast, output: Verdict }

            workflow main(topic: text = "coffee") {
              draft = writer("Write about {topic}")
              review = reviewer("Review {draft}")
              verdict = judge("Judge {review}")
              print verdict.score
              return draft
            }
            """;
    static final String LIB = """
            model slow = mock(latency: 1ms)
            agent writer { model: slow, tools: [read] }
            """;

    @TempDir
    Path dir;
    Path script;
    LspSession lsp;

    @BeforeEach
    void start() throws Exception {
        script = dir.resolve("review.orch");
        Files.writeString(script, SCRIPT);
        Files.writeString(dir.resolve("lib.orch"), LIB);
        lsp = new LspSession();
    }

    @AfterEach
    void stop() throws Exception {
        lsp.close();
    }

    private String opened(String text) throws Exception {
        lsp.open(script, text);
        lsp.published(script);
        return text;
    }

    @Test
    void diagnosticsAreThoseOfOrchCheckWithTheirRangesOnOpenAndOnChange() throws Exception {
        lsp.open(script, SCRIPT.replace("return draft", "return drafts"));
        var published = lsp.published(script);
        assertThat(published.getDiagnostics()).hasSize(1);
        Diagnostic d = published.getDiagnostics().get(0);
        assertThat(d.getMessage()).isEqualTo("undefined name 'drafts'\nhint: did you mean 'draft'?");
        assertThat(d.getSeverity()).isEqualTo(DiagnosticSeverity.Error);
        assertThat(d.getSource()).isEqualTo("orch");
        assertThat(d.getRange()).isEqualTo(new Range(new Position(13, 9), new Position(13, 15)));

        lsp.change(script, SCRIPT);
        assertThat(lsp.published(script).getDiagnostics()).isEmpty();

        lsp.change(script, SCRIPT.replace("writer(\"Write about {topic}\")", "writer(\"Write about {topic}\""));
        assertThat(lsp.published(script).getDiagnostics()).extracting(Diagnostic::getMessage)
                .anySatisfy(m -> assertThat(m).startsWith("expected ')' to close the call to 'writer' opened at 10:17"));
    }

    @Test
    void anErrorInAnImportedFileIsShownOnItsImport() throws Exception {
        Files.writeString(dir.resolve("lib.orch"), LIB.replace("tools: [read] }", "tools: [read]"));
        lsp.open(script, SCRIPT);
        List<Diagnostic> ds = lsp.published(script).getDiagnostics();
        assertThat(ds).hasSize(1);
        assertThat(ds.get(0).getMessage()).isEqualTo("in lib.orch:3:1: expected '}' to close the body of agent 'writer' opened at 2:14\n"
                + "hint: the file ends before it is closed; add '}' where it ends");
        assertThat(ds.get(0).getRange()).isEqualTo(new Range(new Position(0, 7), new Position(0, 17)));
    }

    @Test
    void severalSyntaxErrorsAreReportedOneADeclaration() throws Exception {
        String broken = SCRIPT.replace("agent reviewer { model: fast,", "agent reviewer { model: fast")
                .replace("print verdict.score", "print (verdict.score");
        lsp.open(script, broken);
        List<Diagnostic> ds = lsp.published(script).getDiagnostics();
        assertThat(ds).hasSize(2);
        assertThat(ds.get(0).getRange().getStart().getLine()).isEqualTo(3);
        assertThat(ds.get(1).getRange().getStart().getLine()).isEqualTo(12);
    }

    @Test
    void hoverShowsAnAgentsModelAndToolsACallsEstimateAndANamesType() throws Exception {
        String text = opened(SCRIPT);
        String call = hover(at(text, "reviewer(", 0, 2));
        assertThat(call).contains("**agent** `reviewer`", "model: `fast`", "max_tokens: 300")
                .contains("this call: 1 call, at most");
        assertThat(call).containsPattern("this call: 1 call, at most [0-9,]+ tokens, \\$0\\.00[0-9]+");
        assertThat(hover(at(text, "writer(", 0, 1))).contains("model: `slow`", "tools: `read`");
        assertThat(hover(at(text, "verdict.score", 0, 2))).isEqualTo("`verdict`: Verdict");
        assertThat(hover(at(text, "{topic}", 0, 2))).isEqualTo("`topic`: text");
        assertThat(hover(at(text, "verdict.score", 0, "verdict.s".length()))).isEqualTo("`verdict.score`: number, a field of Verdict");
        assertThat(hover(at(text, "workflow main", 0, 10))).contains("workflow main(topic: text)", "estimate: 3 to 12 calls");
    }

    @Test
    void completionOffersTheFieldsOfATypedValueAndTheScriptsNames() throws Exception {
        String text = opened(SCRIPT);
        Position afterDot = at(text, "verdict.score", 0, "verdict.".length());
        assertThat(complete(afterDot)).extracting(CompletionItem::getLabel).contains("approved", "score");
        // While typing, the text rarely parses: completion reads the last version that did.
        lsp.change(script, text.replace("print verdict.score", "print review."));
        List<String> reply = complete(at(text, "print verdict", 0, "print review.".length())).stream().map(CompletionItem::getLabel).toList();
        assertThat(reply).contains("tokens_in", "cost").doesNotContain("approved");
        List<String> words = complete(at(text, "return draft", 0, "return dr".length())).stream().map(CompletionItem::getLabel).toList();
        assertThat(words).contains("draft").doesNotContain("review", "return");
        List<String> all = complete(at(text, "return draft", 0, 0)).stream().map(CompletionItem::getLabel).toList();
        assertThat(all).contains("reviewer", "judge", "writer", "len", "parallel", "topic");
    }

    @Test
    void definitionGoesToTheDeclarationInThisFileOrTheImportedOne() throws Exception {
        String text = opened(SCRIPT);
        assertThat(definition(at(text, "reviewer(", 0, 0))).containsExactly(
                new Location(LspSession.uri(script), new Range(new Position(3, 6), new Position(3, 14))));
        assertThat(definition(at(text, "{draft}", 0, 2))).containsExactly(
                new Location(LspSession.uri(script), new Range(new Position(9, 2), new Position(9, 7))));
        assertThat(definition(at(text, "writer(", 0, 0))).containsExactly(
                new Location(LspSession.uri(dir.resolve("lib.orch")), new Range(new Position(1, 6), new Position(1, 12))));
        assertThat(definition(at(text, "verdict.score", 0, "verdict.".length()))).containsExactly(
                new Location(LspSession.uri(script), new Range(new Position(5, 31), new Position(5, 36))));
        assertThat(definition(at(text, "\"lib.orch\"", 0, 2))).extracting(Location::getUri).containsExactly(LspSession.uri(dir.resolve("lib.orch")));
    }

    @Test
    void referencesFindEveryUseAndRenameEditsThemAll() throws Exception {
        String text = opened(SCRIPT);
        List<? extends Location> refs = lsp.server.getTextDocumentService().references(new ReferenceParams(doc(script),
                at(text, "draft =", 0, 0), new ReferenceContext(true))).get(10, TimeUnit.SECONDS);
        assertThat(refs).extracting(l -> l.getRange().getStart().getLine()).containsExactly(9, 10, 13);

        var edit = lsp.server.getTextDocumentService().rename(new RenameParams(doc(script), at(text, "fast", 1, 0), "quick"))
                .get(10, TimeUnit.SECONDS);
        List<TextEdit> edits = edit.getChanges().get(LspSession.uri(script));
        assertThat(edits).extracting(e -> e.getRange().getStart().getLine()).containsExactly(2, 3, 6);
        assertThat(edits).allSatisfy(e -> assertThat(e.getNewText()).isEqualTo("quick"));

        var imported = lsp.server.getTextDocumentService().rename(new RenameParams(doc(script), at(text, "writer", 0, 0), "author"))
                .get(10, TimeUnit.SECONDS);
        assertThat(imported.getChanges()).containsOnlyKeys(LspSession.uri(script), LspSession.uri(dir.resolve("lib.orch")));

        assertThatThrownBy(() -> lsp.server.getTextDocumentService().rename(new RenameParams(doc(script), at(text, "draft =", 0, 0), "parallel"))
                .get(10, TimeUnit.SECONDS)).hasMessageContaining("'parallel' is not a name");
    }

    @Test
    void documentSymbolsListTheDeclarations() throws Exception {
        opened(SCRIPT);
        List<DocumentSymbol> symbols = lsp.server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(doc(script)))
                .get(10, TimeUnit.SECONDS).stream().map(Either::getRight).toList();
        assertThat(symbols).extracting(DocumentSymbol::getName).containsExactly("lib.orch", "fast", "reviewer", "Verdict", "judge", "main");
        DocumentSymbol main = symbols.get(5);
        assertThat(main.getRange().getStart().getLine()).isEqualTo(8);
        assertThat(main.getRange().getEnd().getLine()).isEqualTo(14);
    }

    @Test
    void formattingGivesWhatOrchFmtWrites() throws Exception {
        String messy = SCRIPT.replace("  draft = writer(", "      draft   =   writer(");
        opened(messy);
        List<? extends TextEdit> edits = lsp.server.getTextDocumentService().formatting(
                new DocumentFormattingParams(doc(script), new FormattingOptions(2, true))).get(10, TimeUnit.SECONDS);
        String expected = ((Formatter.Result.Formatted) Formatter.format(new SourceFile(script.toString(), messy))).text();
        assertThat(edits).hasSize(1);
        assertThat(edits.get(0).getNewText()).isEqualTo(expected).contains("\n  draft = writer(");
    }

    @Test
    void eachWorkflowHasAPlanLensThatShowsThePlan() throws Exception {
        opened(SCRIPT);
        var lenses = lsp.server.getTextDocumentService().codeLens(new CodeLensParams(doc(script))).get(10, TimeUnit.SECONDS);
        assertThat(lenses).hasSize(1);
        assertThat(lenses.get(0).getCommand().getTitle()).startsWith("plan: 3 to 12 calls, at most");
        assertThat(lenses.get(0).getRange().getStart().getLine()).isEqualTo(8);
        Object plan = lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
                lenses.get(0).getCommand().getCommand(), lenses.get(0).getCommand().getArguments())).get(10, TimeUnit.SECONDS);
        assertThat(plan.toString()).contains("reviewer", "judge");
        assertThat(lsp.messages.poll(10, TimeUnit.SECONDS).getMessage()).isEqualTo(plan.toString());
    }

    private String hover(Position p) throws Exception {
        var h = lsp.server.getTextDocumentService().hover(new HoverParams(doc(script), p)).get(10, TimeUnit.SECONDS);
        assertThat(h).as("a hover at " + p).isNotNull();
        return h.getContents().getRight().getValue();
    }

    private List<CompletionItem> complete(Position p) throws Exception {
        return lsp.server.getTextDocumentService().completion(new CompletionParams(doc(script), p)).get(10, TimeUnit.SECONDS).getLeft();
    }

    private List<Location> definition(Position p) throws Exception {
        return List.copyOf(lsp.server.getTextDocumentService().definition(new DefinitionParams(doc(script), p)).get(10, TimeUnit.SECONDS).getLeft());
    }
}

package dev.orch.compiler.diag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.ast.Span;
import org.junit.jupiter.api.Test;

/** Issue 15: the caret sits under the error at its display column, whatever characters come before it. */
class DiagnosticRendererTest {
    private static String rendered(String line, int col, int length) {
        SourceFile source = new SourceFile("s.orch", line + "\n");
        return new DiagnosticRenderer(source).render(Diagnostic.error(new Span("s.orch", 1, col, length), "m", null));
    }

    private static String caretLine(String rendered) {
        return rendered.lines().toList().get(2);
    }

    @Test
    void aWideCharacterBeforeTheErrorTakesTwoColumns() {
        // p = "日本語" ? x : the '?' is code point 11, display column 14.
        String line = "p = \"日本語\" ? x";
        assertThat(caretLine(rendered(line, 11, 1))).isEqualTo(" ".repeat(13) + "^");
    }

    @Test
    void aWideSpanGetsTwoCaretsACharacter() {
        assertThat(caretLine(rendered("x = 漢字", 5, 2))).isEqualTo("    ^^^^");
    }

    @Test
    void aCombiningMarkTakesNoColumn() {
        // "e\u0301" is é written as e and a combining acute accent: one column.
        String line = "s = \"e\u0301\" ?";
        assertThat(caretLine(rendered(line, 10, 1))).isEqualTo(" ".repeat(8) + "^");
    }

    @Test
    void tabsAreCopiedSoTheCaretFollowsTheTerminalsTabStops() {
        assertThat(caretLine(rendered("\tx = 日 ?", 8, 1))).isEqualTo("\t" + " ".repeat(7) + "^");
    }

    @Test
    void emojiAreWide() {
        assertThat(caretLine(rendered("a = \"🙂\" ?", 9, 1))).isEqualTo(" ".repeat(9) + "^");
    }
}

package dev.orch.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

/** How the REPL reads what is typed: where an entry ends, what Tab offers, what gets coloured. */
class EntryReadingTest {
    @Test
    void anOpenBracketOrTripleStringContinuesTheEntry() {
        assertThat(Tokens.complete("parallel {")).isFalse();
        assertThat(Tokens.complete("x = f(1,")).isFalse();
        assertThat(Tokens.complete("x = [1, 2")).isFalse();
        assertThat(Tokens.complete("t = \"\"\"first line")).isFalse();
        assertThat(Tokens.complete("/* a comment")).isFalse();
        assertThat(Tokens.complete("parallel {\n  a = f(\"}\")\n}")).isTrue();
        assertThat(Tokens.complete("print \"{a + \"x\"}\"")).isTrue();
        // A "..." string ends at its line: the entry is complete, and the parser reports the missing quote.
        assertThat(Tokens.complete("print \"no end")).isTrue();
    }

    @Test
    void jlineIsToldToContinueOnlyForAnIncompleteEntry() {
        EntryParser parser = new EntryParser();
        assertThatThrownBy(() -> parser.parse("if x {", 6, Parser.ParseContext.ACCEPT_LINE)).isInstanceOf(EOFError.class);
        assertThat(parser.parse("print \"a\\tb\"", 0, Parser.ParseContext.ACCEPT_LINE).line()).isEqualTo("print \"a\\tb\"");
        assertThat(parser.parse(":load {", 0, Parser.ParseContext.ACCEPT_LINE).line()).isEqualTo(":load {");
    }

    @Test
    void completionOffersKeywordsBuiltinsProvidersAndTheSessionsNames() {
        Session session = new Session(Set.of(), Path.of("."), new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()));
        session.eval("model fast = mock()\nagent critic { model: fast }");
        session.eval("draft = \"x\"");
        assertThat(new OrchCompleter(session).words())
                .contains("parallel", "retry", "settle", "summarize", "json", "mock", "openai", "fast", "critic", "draft")
                .contains("type", "tool", "mcp", "test", "expect", "where");
    }

    @Test
    void keywordsStringsAndNumbersAreColoured() {
        var line = new OrchHighlighter().highlight(null, "retry 3 { x = \"hi\" }");
        assertThat(line.styleAt(0)).isEqualTo(AttributedStyle.BOLD.foreground(AttributedStyle.BLUE));
        assertThat(line.styleAt(6)).isEqualTo(AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
        assertThat(line.styleAt(15)).isEqualTo(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
        assertThat(line.styleAt(10)).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(line.toString()).isEqualTo("retry 3 { x = \"hi\" }");
    }

    @Test
    void theWordsThatAreKeywordsOnlyAtTheStartOfADeclarationAreColouredThereAndNowhereElse() {
        AttributedStyle keyword = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
        OrchHighlighter h = new OrchHighlighter();
        assertThat(h.highlight(null, "tool fix(x) \"Fixes\" { return x }").styleAt(0)).isEqualTo(keyword);
        assertThat(h.highlight(null, "type Review { verdict: text }").styleAt(0)).isEqualTo(keyword);
        assertThat(h.highlight(null, "test \"it works\" { expect 1 == 1 }").styleAt(19)).isEqualTo(keyword);
        assertThat(h.highlight(null, "for x in xs where x > 1 { }").styleAt(12)).isEqualTo(keyword);
        assertThat(h.highlight(null, "tool = 3").styleAt(0)).as("a variable named tool").isEqualTo(AttributedStyle.DEFAULT);
        assertThat(h.highlight(null, "print type(x)").styleAt(6)).as("a call").isEqualTo(AttributedStyle.DEFAULT);
        assertThat(h.highlight(null, "where = 2").styleAt(0)).as("where outside a for head").isEqualTo(AttributedStyle.DEFAULT);
    }
}

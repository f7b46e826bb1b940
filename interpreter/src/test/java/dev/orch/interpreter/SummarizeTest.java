package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Provider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SummarizeTest {
    @Test
    void aMockModelsSummaryIsTheTextCutToTheTokenLimit() {
        var o = Scripts.run("""
                model m = mock()
                workflow main() {
                  s = summarize("The quick brown fox jumps over the lazy dog.", tokens: 4, model: m)
                  print "{s}|{s.tokens_out}|{s.model}"
                }
                """);
        assertThat(o.stdout()).isEqualTo("The quick brown |4|m\n");
        assertThat(o.events(RunEvent.TaskFinished.class)).singleElement()
                .satisfies(e -> assertThat(e.agent()).isEqualTo("summarize"));
    }

    @Test
    void anAgentsReplyLongerThanItsMaxTokensIsTruncatedOnTheMockWhereASummaryIsCut() {
        var o = Scripts.run("""
                model m = mock()
                agent echo { model: m, max_tokens: 4 }
                workflow main() {
                  print summarize("The quick brown fox jumps over the lazy dog.", tokens: 4, model: m)
                  try {
                    print echo("The quick brown fox jumps over the lazy dog.")
                  } catch truncated as e {
                    print "truncated: {e.message}"
                  }
                }
                """);
        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("The quick brown \n"
                + "truncated: mock: the reply was cut at max_tokens (4): it is 11 tokens long\n");
    }

    @Test
    void aTextThatAlreadyFitsComesBackWithoutACall() {
        var o = Scripts.run("""
                model m = mock(rules: { ".": "never asked" })
                workflow main() {
                  s = summarize("Short.", tokens: 100, model: m)
                  print "{s} {s.tokens_in}"
                }
                """);
        assertThat(o.stdout()).isEqualTo("Short. 0\n");
        assertThat(o.events(RunEvent.TaskStarted.class)).isEmpty();
    }

    @Test
    void theModelIsAskedForASummaryNoLongerThanTheLimit() {
        List<CompletionRequest> seen = new CopyOnWriteArrayList<>();
        Provider recording = r -> {
            seen.add(r);
            return new Completion("A fox jumps.", 12, 4, "m");
        };
        var o = Scripts.run("""
                model m = mock()
                workflow main() {
                  print summarize("word " * 1, tokens: 8, model: m)
                }
                """.replace("\"word \" * 1", "\"" + "word ".repeat(40) + "\""), spec -> recording);
        assertThat(o.stdout()).isEqualTo("A fox jumps.\n");
        assertThat(seen).singleElement().satisfies(r -> {
            assertThat(r.maxTokens()).isEqualTo(8);
            assertThat(r.system()).contains("at most 6 words");
        });
    }

    @Test
    void summarizeCountsAgainstTheBudget() {
        var o = Scripts.run("""
                model m = mock()
                budget { tokens: 50 }
                workflow main() {
                  print summarize("%s", tokens: 40, model: m)
                }
                """.formatted("x".repeat(400)));
        assertThat(o.error().kind()).isEqualTo(ErrorKind.BUDGET);
    }
}

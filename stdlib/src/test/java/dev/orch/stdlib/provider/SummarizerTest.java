package dev.orch.stdlib.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummarizerTest {
    List<CompletionRequest> asked = new ArrayList<>();
    Summarizer summarizer = new Summarizer(request -> {
        asked.add(request);
        return new Completion("Short.", 500, 2, "m");
    });

    @Test
    void asksForASummaryThatCannotRunPastTheTokenLimit() throws Exception {
        Completion summary = summarizer.summarize("word ".repeat(400), 100, Duration.ofSeconds(30));

        assertThat(summary.text()).isEqualTo("Short.");
        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.maxTokens()).isEqualTo(100);
            assertThat(request.system()).contains("at most 75 words");
            assertThat(request.prompt()).isEqualTo("word ".repeat(400));
            assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void aTextAlreadyWithinTheLimitIsReturnedWithoutACall() throws Exception {
        Completion summary = summarizer.summarize("A short note.", 100, null);

        assertThat(summary.text()).isEqualTo("A short note.");
        assertThat(summary.tokensIn() + summary.tokensOut()).isZero();
        assertThat(asked).isEmpty();
    }
}

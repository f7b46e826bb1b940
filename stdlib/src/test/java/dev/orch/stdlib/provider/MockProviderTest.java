package dev.orch.stdlib.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.MockSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MockProviderTest {
    private static CompletionRequest ask(String prompt) {
        return new CompletionRequest(null, null, prompt, null, null, false, null, CompletionRequest.TokenListener.NONE);
    }

    private static MockSpec spec(List<MockSpec.Rule> rules, Integer failFirst, String fail, Double failRate, Long seed) {
        return new MockSpec(rules, null, failFirst, fail, failRate, seed);
    }

    @Test
    void echoesThePromptAndEstimatesTokensAsCharactersOverFour() throws Exception {
        Completion c = new MockProvider("m", null).complete(ask("12345678"));
        assertThat(c.text()).isEqualTo("12345678");
        assertThat(c.tokensIn()).isEqualTo(2);
        assertThat(c.tokensOut()).isEqualTo(2);
        assertThat(c.model()).isEqualTo("m");
    }

    @Test
    void theFirstRuleInWrittenOrderThatFindsAMatchReplies() throws Exception {
        var p = new MockProvider("m", spec(List.of(new MockSpec.Rule("b+", "first: $0"), new MockSpec.Rule("a", "second")),
                null, null, null, null));
        assertThat(p.complete(ask("a bbb")).text()).isEqualTo("first: bbb");
        assertThat(p.complete(ask("a only")).text()).isEqualTo("second");
        assertThat(p.complete(ask("none")).text()).isEqualTo("none");
    }

    @Test
    void failFirstFailsEachDistinctPromptsFirstAttempts() throws Exception {
        var p = new MockProvider("m", spec(List.of(), 2, null, null, null));
        for (String prompt : List.of("x", "y")) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> p.complete(ask(prompt)))
                        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.SERVER));
            }
            assertThat(p.complete(ask(prompt)).text()).isEqualTo(prompt);
        }
    }

    @Test
    void failRegexAlwaysFails() throws Exception {
        var p = new MockProvider("m", spec(List.of(), null, "^bad", null, null));
        assertThatThrownBy(() -> p.complete(ask("bad input"))).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> p.complete(ask("bad input"))).isInstanceOf(ProviderException.class);
        assertThat(p.complete(ask("good input")).text()).isEqualTo("good input");
    }

    @Test
    void failRateIsDeterministicForASeed() {
        List<Boolean> first = outcomes(7);
        assertThat(outcomes(7)).isEqualTo(first);
        assertThat(first.stream().filter(b -> b).count()).isBetween(20L, 80L);
    }

    private static List<Boolean> outcomes(long seed) {
        var p = new MockProvider("m", spec(List.of(), null, null, 0.5, seed));
        List<Boolean> failed = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            try {
                p.complete(ask("prompt " + i));
                failed.add(false);
            } catch (ProviderException e) {
                failed.add(true);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return failed;
    }

    @Test
    void latencyIsInterruptible() throws Exception {
        var p = new MockProvider("m", new MockSpec(List.of(), 10_000L, null, null, null, null));
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                p.complete(ask("slow"));
            } catch (InterruptedException expected) {
                // the point of the test
            } catch (ProviderException e) {
                throw new AssertionError(e);
            }
        });
        t.interrupt();
        assertThat(t.join(java.time.Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void aReplyLongerThanMaxTokensIsTruncatedLikeARealModelButASummaryIsCutToItsCap() throws Exception {
        var p = new MockProvider("m", null);
        CompletionRequest agent = new CompletionRequest(null, null, "x".repeat(40), null, 5, false, null,
                CompletionRequest.TokenListener.NONE);

        assertThatThrownBy(() -> p.complete(agent))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TRUNCATED))
                .hasMessage("mock: the reply was cut at max_tokens (5): it is 10 tokens long");
        CompletionRequest summary = new CompletionRequest(null, null, "x".repeat(40), null, 5, false, null,
                CompletionRequest.TokenListener.NONE, true);
        assertThat(p.complete(summary).text()).isEqualTo("x".repeat(20));
        assertThat(p.complete(ask("short")).text()).isEqualTo("short");
    }

    /** Like a real provider's stream, `--stream` sees the reply grow: several pieces over the latency, the same text. */
    @Test
    void aStreamedReplyArrivesInSeveralPiecesSpreadOverTheLatencyAndReadsTheSame() throws Exception {
        String reply = "The plan: first the schema, then the API, then the UI, and the tests for all three \u4e16\ud83d\ude00.";
        var p = new MockProvider("m", new MockSpec(List.of(new MockSpec.Rule("^Plan", reply)), 400L, null, null, null, null));
        List<String> pieces = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        long start = System.nanoTime();
        CompletionRequest streamed = new CompletionRequest(null, null, "Plan it", null, null, false, null, text -> {
            pieces.add(text);
            at.add((System.nanoTime() - start) / 1_000_000);
        });
        Completion c = p.complete(streamed);
        long took = (System.nanoTime() - start) / 1_000_000;

        assertThat(pieces).hasSizeGreaterThan(3);
        assertThat(String.join("", pieces)).isEqualTo(reply).isEqualTo(c.text());
        assertThat(at.get(0)).as("the first piece, after half the latency").isBetween(190L, 350L);
        assertThat(at.get(at.size() - 1) - at.get(0)).as("the pieces spread over the other half").isGreaterThan(120L);
        assertThat(took).isBetween(390L, 1500L);
        assertThat(p.complete(new CompletionRequest(null, null, "Plan it", null, null, false, null,
                CompletionRequest.TokenListener.NONE)).text()).isEqualTo(reply);
        for (String piece : pieces) assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
    }
}

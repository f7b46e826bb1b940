package dev.orch.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
    @Test
    void aTypoFindsTheNameItWasMeantToBe() {
        assertThat(Suggest.closest("analist", List.of("analyst", "architect"))).isEqualTo("analyst");
        assertThat(Suggest.closest("max_token", List.of("max_tokens", "temperature"))).isEqualTo("max_tokens");
    }

    @Test
    void swappedLettersCountAsOneEdit() {
        assertThat(Suggest.distance("tiemout", "timeout")).isEqualTo(1);
        assertThat(Suggest.closest("tiemout", List.of("timeout", "server"))).isEqualTo("timeout");
    }

    @Test
    void aDistantOrVeryShortWordSuggestsNothing() {
        assertThat(Suggest.closest("summary", List.of("report", "draft"))).isNull();
        assertThat(Suggest.closest("b", List.of("a"))).isNull();
    }

    @Test
    void caseDifferencesStillSuggest() {
        assertThat(Suggest.closest("Writer", List.of("writer"))).isEqualTo("writer");
    }

    @Test
    void listsReadAsEnglish() {
        assertThat(Suggest.oneOf(List.of("a", "b", "c"))).isEqualTo("a, b or c");
        assertThat(Suggest.oneOf(List.of("a"))).isEqualTo("a");
    }
}

package dev.orch.stdlib.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
    private static ApiKey key(String value) {
        return ApiKey.read(Map.of("OPENAI_API_KEY", value)::get, "OPENAI_API_KEY");
    }

    @Test
    void aKeyEchoedInAnErrorMessageIsReplacedByItsVariablesName() {
        assertThat(ApiKey.redact("Incorrect API key provided: sk-test-Zq81vQ3mP0. You can find your key at ...",
                key("sk-test-Zq81vQ3mP0")))
                .isEqualTo("Incorrect API key provided: [key from OPENAI_API_KEY]. You can find your key at ...");
    }

    @Test
    void aOneLetterKeyLeavesTheWordsOfAMessageAlone() {
        assertThat(ApiKey.redact("The model was not found", key("e"))).isEqualTo("The model was not found");
    }

    @Test
    void onlyWholeOccurrencesAreRedactedNotAKeyInsideALongerToken() {
        assertThat(ApiKey.redact("token abcdefgh12 and xabcdefgh12y", key("abcdefgh12")))
                .isEqualTo("token [key from OPENAI_API_KEY] and xabcdefgh12y");
    }
}

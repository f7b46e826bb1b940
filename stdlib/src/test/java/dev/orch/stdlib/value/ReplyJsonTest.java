package dev.orch.stdlib.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orch.compiler.lang.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one JSON path for replies: what it tolerates, what it refuses, and the path it names. */
class ReplyJsonTest {
    private static final DataType REVIEW = new DataType.Obj("Review", List.of(
            new DataType.Field("verdict", false, new DataType.Union(List.of("approve", "revise"))),
            new DataType.Field("score", false, DataType.NUMBER),
            new DataType.Field("issues", false, new DataType.ListOf(DataType.TEXT)),
            new DataType.Field("notes", true, DataType.TEXT)));

    @Test
    void aFencedReplyAndProseBeforeTheJsonAreTolerated() throws Exception {
        Value fenced = ReplyJson.read("```json\n{\"verdict\": \"approve\", \"score\": 9, \"issues\": []}\n```", REVIEW);
        Value prose = ReplyJson.read("Here it is: {\"verdict\": \"approve\", \"score\": 9, \"issues\": []}", REVIEW);
        assertThat(Values.show(fenced)).isEqualTo("{\"verdict\":\"approve\",\"score\":9,\"issues\":[],\"notes\":null}");
        assertThat(prose).isEqualTo(fenced);
    }

    @Test
    void proseAfterTheJsonIsBadOutputAsOnTheHttpProviders() {
        assertThatThrownBy(() -> ReplyJson.read("{\"ok\": true} Hope this helps!", DataType.ANY))
                .isInstanceOf(ReplyJson.Bad.class).hasMessageContaining("not JSON");
    }

    @Test
    void theFirstMismatchIsNamedByItsJsonPath() {
        assertThatThrownBy(() -> ReplyJson.read("{\"verdict\": \"approve\", \"score\": \"high\", \"issues\": []}", REVIEW))
                .hasMessage("$.score: expected a number, got \"high\"");
        assertThatThrownBy(() -> ReplyJson.read("{\"verdict\": \"maybe\", \"score\": 1, \"issues\": []}", REVIEW))
                .hasMessage("$.verdict: expected \"approve\" | \"revise\", got \"maybe\"");
        assertThatThrownBy(() -> ReplyJson.read("{\"verdict\": \"approve\", \"score\": 1, \"issues\": [\"a\", 2]}", REVIEW))
                .hasMessage("$.issues[1]: expected a text, got 2");
        assertThatThrownBy(() -> ReplyJson.read("{\"verdict\": \"approve\", \"issues\": []}", REVIEW))
                .hasMessage("$.score: missing, expected a number");
    }

    @Test
    void theSmallestValueFitsItsType() throws Exception {
        Value smallest = Smallest.of(REVIEW);
        assertThat(Values.show(smallest)).isEqualTo("{\"verdict\":\"approve\",\"score\":0,\"issues\":[]}");
        assertThat(Values.show(Conformance.conform(smallest, REVIEW))).contains("\"notes\":null");
    }
}

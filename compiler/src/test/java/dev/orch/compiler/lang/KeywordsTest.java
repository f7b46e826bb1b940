package dev.orch.compiler.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KeywordsTest {
    @Test
    void theContextualKeywordsAreExactlyTheWordsTheParsersPredicatesLookFor() throws IOException {
        String parser = Files.readString(Path.of("../grammar/src/main/antlr4/dev/orch/grammar/OrchParser.g4"));
        Set<String> words = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(?:isWord\\(\"(\\w+)\"\\)|_input\\.LT\\(1\\)\\.getText\\(\\)\\.equals\\(\"(\\w+)\"\\))").matcher(parser);
        while (m.find()) words.add(m.group(1) != null ? m.group(1) : m.group(2));
        words.remove("output"); // an agent's entry key, not a keyword
        assertThat(words).containsExactlyInAnyOrderElementsOf(Keywords.CONTEXTUAL);
    }

    @Test
    void theReservedWordsAreTheLexersFromModelToWhere() {
        assertThat(Keywords.reserved()).startsWith("model", "agent").contains("parallel", "matches", "where")
                .doesNotContainAnyElementsOf(Keywords.CONTEXTUAL);
        assertThat(Keywords.all()).containsAll(Keywords.reserved()).containsAll(Keywords.CONTEXTUAL);
    }
}

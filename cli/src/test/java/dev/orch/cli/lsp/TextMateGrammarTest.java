package dev.orch.cli.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.lang.Builtin;
import dev.orch.grammar.OrchLexer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The VS Code grammar (editors/vscode/syntaxes/orch.tmLanguage.json) against the language: its keywords are exactly
 * the lexer's, read from the ANTLR vocabulary, so a keyword added to the grammar fails here until it is highlighted;
 * its builtins are exactly the builtin table's.
 */
class TextMateGrammarTest {
    /** Decision 1: words that are keywords only where they start a declaration or a statement, names elsewhere. */
    static final Set<String> SOFT_KEYWORDS = Set.of("type", "tool", "mcp", "test", "expect");
    static final Path GRAMMAR = Path.of("..", "editors", "vscode", "syntaxes", "orch.tmLanguage.json");

    @Test
    void keywordsAreTheLexersAndBuiltinsTheTables() throws Exception {
        JsonNode repository = new ObjectMapper().readTree(Files.readString(GRAMMAR)).get("repository");
        Set<String> lexer = new TreeSet<>();
        for (int t = 1; t <= OrchLexer.VOCABULARY.getMaxTokenType(); t++) {
            String literal = OrchLexer.VOCABULARY.getLiteralName(t);
            if (literal != null && literal.matches("'[a-z]+'")) lexer.add(literal.substring(1, literal.length() - 1));
        }
        assertThat(lexer).contains("workflow", "parallel", "where", "matches");
        assertThat(words(repository.get("keywords"))).isEqualTo(lexer);

        Set<String> declarations = words(repository.get("declarations"));
        declarations.removeAll(lexer);
        assertThat(declarations).isEqualTo(new TreeSet<>(SOFT_KEYWORDS));

        Set<String> builtins = new TreeSet<>(Arrays.stream(Builtin.values()).map(b -> b.callName).toList());
        assertThat(words(repository.get("builtins"))).isEqualTo(builtins);
    }

    @Test
    void itsPatternsMatchWhatTheyName() throws Exception {
        JsonNode repository = new ObjectMapper().readTree(Files.readString(GRAMMAR)).get("repository");
        Pattern duration = Pattern.compile(repository.at("/numbers/patterns/0/match").asText());
        assertThat(duration.matcher("timeout 250ms {").find()).isTrue();
        assertThat(duration.matcher("x = 250").find()).isFalse();
        Pattern builtin = Pattern.compile(repository.at("/builtins/match").asText());
        assertThat(builtin.matcher("n = len(xs)").find()).isTrue();
        assertThat(builtin.matcher("len = 3").find()).isFalse();
        Pattern soft = Pattern.compile(repository.at("/declarations/patterns/0/match").asText());
        assertThat(soft.matcher("type Review {").find()).isTrue();
        assertThat(soft.matcher("  kind = type").find()).isFalse();
    }

    /** Every word in the `\b(a|b|c)\b` alternations of a repository entry's patterns. */
    private static Set<String> words(JsonNode rule) {
        Set<String> out = new TreeSet<>();
        Matcher alternation = Pattern.compile("\\\\b\\(([a-z_|]+)\\)").matcher(rule.toString());
        while (alternation.find()) out.addAll(Arrays.asList(alternation.group(1).split("\\|")));
        return out;
    }
}

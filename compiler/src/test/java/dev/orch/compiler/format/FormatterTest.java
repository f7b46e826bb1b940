package dev.orch.compiler.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.ast.Spans;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.parse.SourceParser;
import dev.orch.grammar.OrchLexer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `orch fmt` over every script the project has (examples, the standard modules, the golden test inputs): formatting
 * is idempotent, keeps every comment in order, and means the same (the ASTs are equal once spans are set aside).
 */
class FormatterTest {
    static Stream<Path> scripts() throws IOException {
        List<Path> roots = List.of(Path.of("..", "examples"), Path.of("src", "main", "resources", "std"), Path.of("src", "test", "resources"));
        return roots.stream().flatMap(root -> {
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(p -> p.toString().endsWith(".orch") && Files.isRegularFile(p)).sorted().toList().stream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void theCorpusIsLarge() throws IOException {
        assertThat(scripts().count()).isGreaterThan(150);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void formattingIsIdempotentKeepsCommentsAndMeaning(Path script) throws IOException {
        String source = Files.readString(script);
        SourceFile file = new SourceFile(script.toString(), source);
        Formatter.Result result = Formatter.format(file);
        if (!SourceParser.parse(file).ok()) {
            assertThat(result).as("a script with syntax errors is refused").isInstanceOf(Formatter.Result.Refused.class);
            assertThat(((Formatter.Result.Refused) result).diagnostics()).isNotEmpty();
            return;
        }
        assertThat(result).isInstanceOf(Formatter.Result.Formatted.class);
        String once = ((Formatter.Result.Formatted) result).text();
        assertThat(formatted(once)).as("formatting twice changes nothing").isEqualTo(once);
        assertThat(comments(once)).as("every comment survives, in order").isEqualTo(comments(source));
        assertThat(Spans.erase(SourceParser.parse(new SourceFile("f.orch", once)).program()))
                .as("same AST, spans aside").isEqualTo(Spans.erase(SourceParser.parse(new SourceFile("f.orch", source)).program()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void everyExampleAndStandardModuleIsFormatted(Path script) throws IOException {
        String source = Files.readString(script);
        assertThat(formatted(source)).as("run: orch fmt %s", script).isEqualTo(source);
    }

    static Stream<Path> shipped() throws IOException {
        return scripts().filter(p -> !p.startsWith(Path.of("src", "test")));
    }

    @Test
    void oneCanonicalLayout() {
        String messy = """
                // header
                model   fast  =  mock( latency : 20ms )
                agent a extends b
                {
                    model : fast ,  system: "x {  y  } z" // trailing
                }


                workflow main( x : text="a" ) {
                      a = f( 1,2 )[ 0 ] ;
                  b = - a+1;c = [ 1 , 2 ]
                  if a {
                    print a
                  }
                  else {
                    print b
                  }
                  try { x = 1 }
                  catch timeout as e { x = 2 }
                  y = a +
                  b
                  m = {}
                  call_me(
                  1,
                  2
                  )

                }
                """;
        assertThat(formatted(messy)).isEqualTo("""
                // header
                model fast = mock(latency: 20ms)
                agent a extends b {
                  model: fast, system: "x {y} z" // trailing
                }

                workflow main(x: text = "a") {
                  a = f(1, 2)[0]
                  b = -a + 1; c = [1, 2]
                  if a {
                    print a
                  } else {
                    print b
                  }
                  try { x = 1 } catch timeout as e { x = 2 }
                  y = a +
                    b
                  m = {}
                  call_me(
                    1,
                    2
                  )
                }
                """);
    }

    @Test
    void stringsAndCommentsKeepTheirInsides() {
        String source = """
                workflow main() {
                    /* a block
                       comment */
                    t = \"\"\"
                      kept   as
                        it is {x}
                      \"\"\"
                    print "  spaced   text  "   // why
                }
                """;
        String once = formatted(source);
        assertThat(once).contains("  /* a block\n       comment */", "      kept   as\n        it is {x}\n", "print \"  spaced   text  \" // why");
    }

    @Test
    void aScriptWithSyntaxErrorsIsRefusedWithTheError() {
        Formatter.Result r = Formatter.format(new SourceFile("bad.orch", "workflow main( {\n"));
        assertThat(r).isInstanceOf(Formatter.Result.Refused.class);
        assertThat(((Formatter.Result.Refused) r).diagnostics().get(0).span().line()).isEqualTo(1);
    }

    private static String formatted(String source) {
        Formatter.Result r = Formatter.format(new SourceFile("f.orch", source));
        assertThat(r).as("formats: %s", r).isInstanceOf(Formatter.Result.Formatted.class);
        return ((Formatter.Result.Formatted) r).text();
    }

    private static List<String> comments(String text) {
        return new OrchLexer(CharStreams.fromString(text)).getAllTokens().stream()
                .filter(t -> t.getType() == OrchLexer.LINE_COMMENT || t.getType() == OrchLexer.BLOCK_COMMENT)
                .map(Token::getText).map(String::stripTrailing).toList();
    }
}

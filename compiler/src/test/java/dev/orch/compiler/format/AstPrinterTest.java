package dev.orch.compiler.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Spans;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.parse.SourceParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parse, print, parse again: the two ASTs must be equal once spans are set aside. This guards the AST builder (a
 * construct it drops or mixes up prints differently) and the printer (whose output must mean the same).
 */
class AstPrinterTest {
    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("..", "examples"))) {
            return files.filter(p -> p.toString().endsWith(".orch") && Files.isRegularFile(p)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleSurvivesARoundTrip(Path example) throws IOException {
        assertRoundTrip(example.toString(), Files.readString(example));
    }

    @Test
    void theExamplesIncludeTheTourOfEveryConstruct() throws IOException {
        assertThat(examples().map(p -> p.getFileName().toString())).contains("all-constructs.orch", "reviewers.orch");
    }

    static List<String> snippets() {
        List<String> s = new ArrayList<>();
        s.add("import \"lib/a.orch\"\nimport \"b \\\"quoted\\\".orch\"");
        s.add("model m = mock()\nmodel o = openai(\"gpt-4o\", max_concurrency: 4, rpm: 60, temperature: 0.25, price_in: 2.5)");
        s.add("model m = mock(rules: { \"(?i)a+\": \"b $0\", plain: \"x\", \"with space\": \"y\" }, fail_first: 2, latency: 1500ms)");
        s.add("agent a { model: m, system: \"You.\", \"format\": \"json\", timeout: 2m, breaker: b }\nagent c extends a {}");
        s.add("agent multi {\n  model: m\n  system: \"\"\"\n    Line one\n      indented {x}\n    \"\"\"\n}");
        s.add("breaker b { failures: 3, window: 1h, cooldown: 30s }\nbudget { tokens: 200000, cost: 5.00 }");
        s.add("workflow w() {}\nworkflow v(a, b: text, c: number = 3, d = \"x\", e: list = [1, 2]) { return }");
        s.add(body("x = 1\nvar y = 2\ny = y + x\nprint y\nreturn y"));
        s.add(body("sequence { a = f() }\nparallel { a = f(); b = g() }\nparallel max 2 settle { a = f() }\nparallel settle { c = 1 }"));
        s.add(body("dag { b = a + 1; a = 1 }\ndag max 3 { a = 1 }\nrace { a = f(); b = g() }"));
        s.add(body("retry 3 { a = f() }\nretry 3 backoff 1s { a = f() }\nretry n + 1 backoff 1s max 30s jitter on timeout, server { a = f() }"));
        s.add(body("retry 2 jitter { a = 1 }\nretry 2 on bad_output { a = 1 }\ntimeout 250ms { a = 1 }\ntimeout t * 2 { a = 1 }"));
        s.add(body("if a { b = 1 }\nif a { b = 1 } else { b = 2 }\nif a { b = 1 } else if c { b = 2 } else if d { b = 3 } else { b = 4 }"));
        s.add(body("for x in xs { print x }\nfor x in xs parallel { print x }\nfor x in xs parallel max 4 { print x }"));
        s.add(body("ys = for x in xs parallel max 2 { f(x) }\nvar zs = for x in [1, 2] { x * 2 }\nzs = for x in zs { x }"));
        s.add(body("loop { break }\nloop max 3 { a = 1 }\nloop until done { done = true }\nloop max 5 until n > 3 { n = n + 1 }"));
        s.add(body("try { a = f() } catch { a = 1 }\ntry { a = f() } fallback { a = 2 } fallback { a = 3 }"));
        s.add(body("try { a = f() } catch timeout, rate_limit as e { a = e } catch as e { print e } catch server { a = 0 } fallback { a = 4 }"));
        s.add(body("phase \"a \\\"b\\\" \\\\ c\" { print 1 }\nfail \"no: {reason}\"\nf(x)\nx.y\nbreak"));
        s.add(body("a = 1 + 2 * 3 - 4 / 5 % 6\nb = (1 + 2) * 3\nc = 1 - (2 - 3)\nd = (1 - 2) - 3\ne = 2 * (3 * 4)\nf = a / (b / c)"));
        s.add(body("a = -x\nb = - -x\nc = -(x + 1)\nd = -x * y\ne = -(x * y)\nf = -x.y\ng = (-x).y\nh = -f(x)[0]"));
        s.add(body("a = not x\nb = not not x\nc = not x == y\nd = (not x) == y\ne = not x and y\nf = not (x and y)\ng = x == (not y)"));
        s.add(body("a = x and y or z\nb = x and (y or z)\nc = (x or y) and z\nd = x or y and z\ne = x == y and y != z or x < y"));
        s.add(body("a = x <= y\nb = x >= y\nc = x > y\nd = s contains \"x\"\ne = s matches \"^a.*\"\nf = (a == b) == c\ng = a == (b == c)"));
        s.add(body("a = (x + y).z\nb = (x + y)[0]\nc = f(x)[1].y.z\nd = [1, [2, 3]][1][0]\ne = { a: { b: 1 } }.a.b\nf = r.model + r.timeout"));
        s.add(body("a = 12\nb = 0.5\nc = 1.25\nd = 100000000\ne = 0\nf = 250ms\ng = 2s\nh = 5m\ni = 1h\nj = 1.5s\nk = 0ms"));
        s.add(body("a = true\nb = false\nc = null\nd = []\ne = {}\nf = [1, \"two\", 3.5, null]\ng = { \"k-1\": 1, k2: [2], model: 3 }"));
        s.add(body("a = \"plain\"\nb = \"tab\\tnew\\nline \\\\ back \\\"q\\\" \\{brace} lone }\"\nc = \"{x}\"\nd = \"a {x} b {y.z} c\"\ne = \"{f(\"in\")}\""));
        s.add(body("a = \"{x + 1} and {[1, 2]} and {{ k: 1 }} {not y}\"\nb = \"\"\"\n  two\n    lines {x}\n  \"\"\"\nc = \"\"\"one line\"\"\""));
        s.add(body("a = f(1, 2, key: 3, model: m, timeout: 5s)\nb = g(x: 1)\nc = h()\nprint summarize(t, tokens: 100, model: fast)"));
        s.add(body("print a; print b\nreturn \"done\"")); 
        return s;
    }

    @ParameterizedTest
    @MethodSource("snippets")
    void everyConstructSurvivesARoundTrip(String source) {
        assertRoundTrip("snippet.orch", source);
    }

    @Test
    void parenthesesAppearOnlyWherePrecedenceNeedsThem() {
        String printed = AstPrinter.print(parse("p.orch", body("a = (1 + (2 * 3))\nb = ((x))\nc = -(x + 1)\nd = not (x and y)")));
        assertThat(printed).contains("a = 1 + 2 * 3", "b = x", "c = -(x + 1)", "d = not (x and y)");
    }

    @Test
    void printingIsStable() {
        for (String source : snippets()) {
            String once = AstPrinter.print(parse("s.orch", source));
            assertThat(AstPrinter.print(parse("s.orch", once))).isEqualTo(once);
        }
    }

    private static String body(String statements) {
        return "workflow main() {\n" + statements.indent(2) + "}\n";
    }

    private static void assertRoundTrip(String name, String source) {
        Program first = parse(name, source);
        String printed = AstPrinter.print(first);
        Program second = parse(name, printed);
        assertThat(Spans.erase(second)).as("reparsed from:\n%s", printed).isEqualTo(Spans.erase(first));
    }

    private static Program parse(String name, String source) {
        SourceParser.Result r = SourceParser.parse(new SourceFile(name, source));
        assertThat(r.ok()).as("%s parses: %s\n%s", name, r.diagnostics(), source).isTrue();
        return r.program();
    }
}

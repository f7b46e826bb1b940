package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.testkit.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `orch plan --format dot` read by Graphviz itself (Debian's graphviz, installed by scripts/install-test-tools):
 * every example's plan draws without a warning, and the order of execution is drawn, not only the data edges.
 */
class PlanGraphvizTest {
    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            return files.filter(f -> f.toString().endsWith(".orch")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void graphvizDrawsEveryExamplesPlanWithoutAWarning(Path example) throws Exception {
        String dot = plan(example);
        Result svg = graphviz(dot);
        assertThat(svg.err()).as("dot's warnings for " + example).isEmpty();
        assertThat(svg.code()).isZero();
        assertThat(svg.out()).startsWith("<?xml").contains("<svg");
    }

    @Test
    void phasesFollowOneAnotherAndARaceThatRunsLastHangsOnWhatCameBefore() throws Exception {
        Path script = Files.createTempFile("ordered", ".orch");
        Files.writeString(script, """
                model m = mock()
                agent a { model: m }
                workflow main() {
                  phase "one" {
                    x = a("first")
                  }
                  phase "two" {
                    y = a("second")
                  }
                  race {
                    z = a("fast")
                    z = a("slow")
                  }
                  print z
                }
                """);
        String dot = plan(script);
        assertThat(dot).contains("\"n_main_4_3\" -> \"n_main_7_3\" [style=dashed, color=gray45, ltail=\"cluster_n_main_4_3\", lhead=\"cluster_n_main_7_3\"]")
                .contains("\"n_main_7_3\" -> \"n_main_10_3\" [style=dashed, color=gray45, ltail=\"cluster_n_main_7_3\", lhead=\"cluster_n_main_10_3\"]")
                .doesNotContain("\"n_main_11_5\" -> \"n_main_12_5\"");
        Result svg = graphviz(dot);
        assertThat(svg.err()).isEmpty();
        // In the drawing the second phase sits below the first: order is rank, not a side-by-side accident.
        assertThat(y(svg.out(), "phase two")).isGreaterThan(y(svg.out(), "phase one"));
        String mermaid = CliRun.of("plan", script.toString(), "--format", "mermaid").stdout();
        assertThat(mermaid).contains("n_main_4_3 -.-> n_main_7_3", "n_main_7_3 -.-> n_main_10_3");
    }

    private static String plan(Path script) {
        CliRun r = CliRun.of("plan", script.toString(), "--format", "dot");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    /** The y of the text element showing {@code label} in an SVG that dot wrote. */
    private static double y(String svg, String label) {
        int at = svg.indexOf(label);
        assertThat(at).as("the drawing shows " + label).isPositive();
        int text = svg.lastIndexOf("<text", at);
        String tag = svg.substring(text, svg.indexOf('>', text));
        return Double.parseDouble(tag.replaceAll(".* y=\"([-0-9.]+)\".*", "$1"));
    }

    private record Result(int code, String out, String err) {}

    private static Result graphviz(String dot) throws Exception {
        String binary = TestTools.program("graphviz", "dot").toString();
        Path err = Files.createTempFile("dot", ".err");
        Process p = new ProcessBuilder(List.of(binary, "-Tsvg")).redirectError(err.toFile()).start();
        p.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, Files.readString(err));
    }
}

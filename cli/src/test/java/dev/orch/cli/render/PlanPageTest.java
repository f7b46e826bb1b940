package dev.orch.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.cli.CliRun;
import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.compiler.plan.render.PlanGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `orch plan FILE --format html` in a real browser (Debian's headless Chromium): every example's page loads with no
 * console error and no network request, and draws what the plan has: one box per statement (calls marked as calls),
 * an arrow per data and order edge, the critical path marked; retries, races and fallbacks carry their labels.
 */
class PlanPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        browser = new HeadlessChromium();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            return files.filter(f -> f.toString().endsWith(".orch")).sorted().toList().stream();
        }
    }

    /** What the page drew for one workflow, read from its DOM by the browser. */
    private static final String DRAWN = """
            JSON.stringify(Object.fromEntries([...document.querySelectorAll("section.workflow")].map(s => [s.dataset.workflow, {
              ids: [...s.querySelectorAll("[data-id]")].map(e => e.dataset.id),
              calls: [...s.querySelectorAll(".node.call")].map(e => e.dataset.id),
              critical: [...s.querySelectorAll(".critical[data-id]")].map(e => e.dataset.id),
              edges: s.querySelectorAll("svg.edges path[data-from]").length,
              dashed: s.querySelectorAll("svg.edges path.order").length
            }])))""";

    @ParameterizedTest
    @MethodSource("examples")
    void everyExamplesPlanOpensCleanlyAndDrawsEveryStatementAndEdge(Path example) throws Exception {
        Plan plan = plan(example);
        HeadlessChromium.Visit visit = browser.open(page(example), null);
        assertThat(visit.errors()).as("console errors of " + example).isEmpty();
        assertThat(visit.requests()).as("requests made by the page of " + example).isEmpty();
        assertThat(browser.evaluate("document.body.dataset.drawn")).isEqualTo("yes");
        JsonNode drawn = JSON.readTree(browser.evaluate(DRAWN));
        for (WorkflowPlan w : plan.workflows()) {
            JsonNode d = drawn.get(w.name());
            assertThat(d).as("workflow " + w.name() + " is drawn").isNotNull();
            assertThat(strings(d.get("ids"))).as("one box per statement of " + w.name())
                    .containsExactlyInAnyOrderElementsOf(w.nodes().stream().map(Node::id).toList());
            assertThat(strings(d.get("calls"))).as("the calls of " + w.name())
                    .containsExactlyInAnyOrderElementsOf(w.nodes().stream().filter(n -> n instanceof Node.Call).map(Node::id).toList());
            assertThat(strings(d.get("critical"))).as("the critical path of " + w.name())
                    .containsExactlyInAnyOrderElementsOf(w.criticalPath());
            List<PlanGraph.Edge> edges = PlanGraph.edges(w);
            assertThat(d.get("edges").asInt()).as("an arrow per edge of " + w.name()).isEqualTo(edges.size());
            assertThat(d.get("dashed").asInt()).isEqualTo(edges.stream().filter(PlanGraph.Edge::order).count());
        }
    }

    @Test
    void phasesRetriesRacesAndFallbacksAreLabelledAndALongPromptIsShortenedAtAWord() throws Exception {
        Path script = dir.resolve("labelled.orch");
        Files.writeString(script, """
                model m = mock(latency: 50ms)
                agent writer { model: m }
                workflow main() {
                  phase "draft" {
                    retry 3 backoff 1s on timeout, server {
                      draft = writer("Write the release notes for the login feature, covering the new flows, the migration and the known issues")
                    }
                  }
                  race {
                    fast = writer("Summarise {draft}")
                    fast = writer("Summarise {draft} briefly")
                  }
                  try {
                    final = writer("Polish {fast}")
                  } fallback {
                    final = fast
                  }
                  print final
                }
                """);
        Plan plan = plan(script);
        HeadlessChromium.Visit visit = browser.open(page(script), null);
        assertThat(visit.errors()).isEmpty();
        assertThat(visit.requests()).isEmpty();
        String text = browser.evaluate("document.getElementById('plan').innerText");
        assertThat(text).contains("phase draft", "retry up to 3 attempts, backoff 1s doubling, on timeout, server",
                "race: the first to succeed wins", "fallback",
                "draft = writer(\"Write the release notes for the login feature, covering the\u2026\")");
        assertThat(text).doesNotContain("(...)");
        WorkflowPlan main = plan.workflow("main");
        String call = main.nodes().stream().filter(n -> n instanceof Node.Call c && "draft".equals(c.target())).findFirst()
                .orElseThrow().id();
        assertThat(browser.evaluate("document.querySelector('[data-id=\"" + call + "\"]').title"))
                .contains("the migration and the known issues");
        assertThat(browser.evaluate("document.querySelector('[data-id=\"" + call + "\"]').classList.contains('critical')"))
                .isEqualTo(String.valueOf(main.criticalPath().contains(call)));
        assertThat(main.criticalPath()).contains(call);
        // The phase box comes above the race: the order of execution reads top to bottom.
        double phase = Double.parseDouble(browser.evaluate("document.querySelector('.block.phase').getBoundingClientRect().bottom"));
        double race = Double.parseDouble(browser.evaluate("document.querySelector('.block.race').getBoundingClientRect().top"));
        assertThat(race).isGreaterThan(phase);
        browser.evaluate("document.querySelector('[data-id=\"" + call + "\"]').click(), 'clicked'");
        assertThat(browser.evaluate("document.querySelector('#detail pre').textContent"))
                .contains("the migration and the known issues");
    }

    private static Plan plan(Path script) throws IOException {
        CliRun json = CliRun.of("plan", script.toString(), "--format", "json");
        assertThat(json.exitCode()).as(json.stderr()).isZero();
        return PlanJson.read(json.stdout());
    }

    private static Path page(Path script) throws IOException {
        CliRun html = CliRun.of("plan", script.toString(), "--format", "html");
        assertThat(html.exitCode()).as(html.stderr()).isZero();
        assertThat(html.stdout()).startsWith("<!DOCTYPE html>");
        String markup = html.stdout().replaceAll("(?s)<script type=\"application/json\" id=\"plan-data\">.*?</script>", "")
                .replace("http://www.w3.org/2000/svg", "");
        assertThat(markup).doesNotContain("http://", "https://", " src=", " href=", "@import");
        Path page = dir.resolve(script.getFileName() + ".html");
        Files.writeString(page, html.stdout());
        return page;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

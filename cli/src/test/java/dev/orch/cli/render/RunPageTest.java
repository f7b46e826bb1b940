package dev.orch.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.cli.CliRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `orch show RUN --html FILE`: the page is self-contained, its totals read without script, and in a real browser
 * (Debian's headless Chromium, installed by scripts/install-test-tools) it draws a bar per journaled attempt and
 * shows one attempt's request and reply, a hostile reply as text.
 */
class RunPageTest {
    private static final String SCRIPT = """
            model m = mock(fail_first: 1, rules: { "^Review": "looks fine", "^Summ": "</script><img src=x onerror=alert(1)> all good" })
            agent reviewer { model: m }
            agent writer { model: m }
            workflow main() {
              phase "review" {
                parallel {
                  retry 2 { security = reviewer("Review security") }
                  retry 2 { style = reviewer("Review style") }
                }
              }
              phase "summary" {
                retry 2 { summary = writer("Summarise {security} and {style}") }
              }
              print summary
            }
            """;

    @TempDir
    Path dir;

    private Path pageOfARun(String script) throws IOException {
        Path file = dir.resolve("review.orch");
        Files.writeString(file, script);
        Path store = dir.resolve("runs.db");
        CliRun run = CliRun.of("run", file.toString(), "-q", "--store", store.toString());
        assertThat(run.exitCode()).as(run.stderr()).isIn(0, 1);
        String id = CliRun.newestRun(store);
        Path page = dir.resolve("out/run.html");
        CliRun show = CliRun.of("show", id, "--store", store.toString(), "--html", page.toString());
        assertThat(show.exitCode()).as(show.stderr()).isZero();
        assertThat(show.stderr()).contains("wrote " + page);
        return page;
    }

    @Test
    void thePageFetchesNothingAndItsTotalsReadWithoutScript() throws IOException {
        String page = Files.readString(pageOfARun(SCRIPT));
        String markup = page.replaceAll("(?s)<script type=\"application/json\" id=\"run-data\">.*?</script>", "")
                .replace("http://www.w3.org/2000/svg", "");
        assertThat(markup).doesNotContain("http://", "https://", " src=", " href=", "@import", "url(");
        assertThat(page).contains("<caption>by phase</caption>", "<td>review</td>", "<td>summary</td>", "<caption>by model</caption>");
        // review: 2 calls, each failing once first (fail_first: 1) = 4 attempts, 2 failed
        assertThat(page).containsPattern("<td>review</td><td>4</td><td>2</td>");
        assertThat(page).as("a reply cannot end the data block").doesNotContain("</script><img");
    }

    @Test
    void inABrowserEveryAttemptIsABarAndATaskOpensWithItsRequestAndReply() throws Exception {
        Path page = pageOfARun(SCRIPT);
        HeadlessChromium.Visit visit;
        BufferedImage shot;
        try (HeadlessChromium browser = new HeadlessChromium()) {
            visit = browser.open(page, "task=summary");
            shot = ImageIO.read(new ByteArrayInputStream(browser.screenshot()));
        }
        assertThat(visit.errors()).as("console errors").isEmpty();
        assertThat(visit.requests()).as("requests the page made").isEmpty();
        String dom = visit.dom();
        assertThat(count(dom, "<rect [^>]*class=\"call ")).isEqualTo(6);
        assertThat(count(dom, "class=\"call retried")).isEqualTo(3);
        assertThat(dom).contains("class=\"lane\"", "summary").contains("Summarise looks fine and looks fine");
        Matcher reply = Pattern.compile("<pre class=\"reply\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertThat(reply.find()).as("the chosen attempt's reply is shown:\n" + dom).isTrue();
        assertThat(reply.group(1)).isEqualTo("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; all good");
        assertThat(dom).as("the hostile reply stayed text").doesNotContain("<img");
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < shot.getHeight(); y += 7) for (int x = 0; x < shot.getWidth(); x += 7) colours.add(shot.getRGB(x, y));
        assertThat(colours).as("the screenshot shows more than a blank page").hasSizeGreaterThan(8);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}

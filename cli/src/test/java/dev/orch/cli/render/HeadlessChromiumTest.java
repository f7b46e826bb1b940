package dev.orch.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser the page tests rely on tells a page that fails from one that does not: their checks can fail. */
class HeadlessChromiumTest {
    @TempDir
    Path dir;

    @Test
    void aPageThatThrowsLogsAnErrorAndFetchesIsCaughtDoingAllThree() throws Exception {
        Path page = dir.resolve("bad.html");
        Files.writeString(page, """
                <!DOCTYPE html><html><body><p id="p">drawn</p>
                <img src="http://127.0.0.1:9/pixel.png">
                <script>console.error("the data is broken"); null.draw();</script></body></html>
                """);
        try (HeadlessChromium browser = new HeadlessChromium()) {
            HeadlessChromium.Visit visit = browser.open(page, null);
            assertThat(visit.errors()).anyMatch(e -> e.contains("the data is broken")).anyMatch(e -> e.startsWith("uncaught: TypeError"));
            assertThat(visit.requests()).contains("http://127.0.0.1:9/pixel.png");
            assertThat(visit.dom()).contains("<p id=\"p\">drawn</p>");
            assertThat(browser.evaluate("document.getElementById('p').textContent")).isEqualTo("drawn");
        }
    }
}

package dev.orch.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.testkit.TestTools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven over the DevTools protocol on a loopback port the browser picks: a test opens a
 * page, and learns what a person's browser would have said about it (every console error and uncaught exception,
 * every network request the page made) and what it drew (the DOM after its script ran, a screenshot). The tests of
 * the HTML pages (`orch show --html`, `orch plan --format html`) share it.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path profile;
    private final Process browser;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    /** What a page did while it loaded: its errors, the requests it made, and its DOM once its script had run. */
    record Visit(List<String> errors, List<String> requests, String dom) {}

    /**
     * Starts the browser (skipping the test, with a line saying why, where Chromium cannot be had), with a profile
     * of its own outside the test's folder: the browser's helpers may still write there while a test's folder goes.
     */
    HeadlessChromium() throws Exception {
        String chromium = TestTools.program("chromium", "chromium", "chromium-browser").toString();
        profile = Files.createTempDirectory("orch-chromium");
        browser = new ProcessBuilder(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=1400,1000",
                "--user-data-dir=" + profile, "about:blank"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path port = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.isRegularFile(port) || Files.readAllLines(port).size() < 2) {
            if (System.nanoTime() > deadline || !browser.isAlive()) throw new IOException("chromium did not start its DevTools endpoint");
            Thread.sleep(50);
        }
        String base = "http://127.0.0.1:" + Files.readAllLines(port).get(0).strip();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String page = null;
        for (JsonNode t : targets) if (t.path("type").asText().equals("page")) page = t.path("webSocketDebuggerUrl").asText();
        if (page == null) throw new IOException("chromium has no page to drive: " + targets);
        socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener()).get(10, TimeUnit.SECONDS);
        for (String domain : List.of("Runtime", "Log", "Network", "Page")) call(domain + ".enable", JSON.createObjectNode());
    }

    /** Opens {@code page} (with {@code hash} after a '#', or none), waits for it to load and its script to run. */
    Visit open(Path page, String hash) throws Exception {
        errors.clear();
        requests.clear();
        loaded = new CompletableFuture<>();
        String url = page.toUri() + (hash == null ? "" : "#" + hash);
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        loaded.get(30, TimeUnit.SECONDS);
        Thread.sleep(200); // an error thrown by a timer or a late event still counts
        List<String> made = requests.stream().filter(r -> !r.startsWith(page.toUri().toString()) && !r.startsWith("data:")).toList();
        return new Visit(List.copyOf(errors), made, evaluate("document.documentElement.outerHTML"));
    }

    /** The value of a JavaScript expression in the open page (a string, a number or a boolean, as text). */
    String evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
        if (r.has("exceptionDetails")) throw new AssertionError("the page threw: " + r.get("exceptionDetails"));
        return r.path("result").path("value").asText();
    }

    /** A PNG of what the page shows. */
    byte[] screenshot() throws Exception {
        return Base64.getDecoder().decode(call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"))
                .path("data").asText());
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        socket.sendText(JSON.createObjectNode().put("id", id).put("method", method).set("params", params).toString(), true)
                .get(10, TimeUnit.SECONDS);
        JsonNode r = reply.get(30, TimeUnit.SECONDS);
        if (r.has("error")) throw new IOException(method + " failed: " + r.get("error"));
        return r.path("result");
    }

    private void received(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> reply = replies.remove(m.get("id").asInt());
            if (reply != null) reply.complete(m);
            return;
        }
        JsonNode p = m.path("params");
        switch (m.path("method").asText()) {
            case "Runtime.exceptionThrown" -> errors.add("uncaught: " + p.path("exceptionDetails").path("exception")
                    .path("description").asText(p.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) errors.add("console." + type + ": " + p.path("args"));
            }
            case "Log.entryAdded" -> {
                if (p.path("entry").path("level").asText().equals("error")) errors.add("log: " + p.path("entry").path("text").asText());
            }
            case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
            case "Page.loadEventFired" -> loaded.complete(null);
            default -> { }
        }
    }

    /** DevTools messages arrive as text frames, a long one in several parts. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    received(JSON.readTree(text));
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // The browser goes anyway.
        }
        List<ProcessHandle> helpers = browser.descendants().toList();
        browser.destroy();
        if (!browser.waitFor(10, TimeUnit.SECONDS)) browser.destroyForcibly();
        for (ProcessHandle h : helpers) {
            h.destroy();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                h.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

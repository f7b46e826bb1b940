package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edit and continue: a run fails on a bad prompt, the user fixes the script, and `orch resume` runs the script as
 * it is now, replaying every journaled call whose request did not change. Counted at a loopback OpenAI-compatible
 * server, so "replayed" means no request was sent.
 */
class EditAndContinueTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PIPELINE = """
            model m = ollama("llama3", base_url: "URL")
            agent a { model: m }
            workflow main() {
              c1 = a("one")
              c2 = a("two after {c1}")
              c3 = a("three after {c2}")
              c4 = a("four after {c3}")
              c5 = a("five after {c4} BROKEN")
              c6 = a("six after {c5}")
              print c5
              print c6
            }
            """;

    @TempDir
    Path dir;

    private MockWebServer server;
    private final List<String> prompts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String prompt = prompt(request);
                prompts.add(prompt);
                if (prompt.contains("BROKEN")) {
                    return new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
                            .setBody("{\"error\":{\"message\":\"the prompt is malformed\",\"type\":\"invalid_request_error\"}}");
                }
                // A short, deterministic reply: the prompt's first word, so each prompt carries its history.
                String reply = "r-" + prompt.split(" ")[0] + "(" + prompt.length() + ")";
                return new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                        {"id":"x","object":"chat.completion","model":"llama3","choices":[{"index":0,"message":
                        {"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                        "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""".formatted(reply));
            }
        });
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static String prompt(RecordedRequest request) {
        try {
            JsonNode body = JSON.readTree(request.getBody().readUtf8());
            JsonNode messages = body.path("messages");
            return messages.get(messages.size() - 1).path("content").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String pipeline() {
        return PIPELINE.replace("URL", server.url("/v1").toString());
    }

    @Test
    void fixingTheFailedPromptAndResumingSendsOnlyTheFailedCallAndTheOneAfterIt() throws Exception {
        Path script = dir.resolve("pipeline.orch");
        Files.writeString(script, pipeline());
        Path store = dir.resolve("runs.db");
        CliRun first = CliRun.of("run", script.toString(), "-q", "--store", store.toString());
        assertThat(first.exitCode()).as(first.stderr()).isEqualTo(1);
        assertThat(first.stderr()).contains("the prompt is malformed");
        assertThat(prompts).hasSize(5);
        String runId = CliRun.newestRun(store);

        Files.writeString(script, pipeline().replace(" BROKEN", ""));
        prompts.clear();
        CliRun resumed = CliRun.of("resume", runId, "--yes", "--store", store.toString());
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(prompts).as("requests sent by the resume").hasSize(2);
        assertThat(prompts.get(0)).startsWith("five after r-four");
        assertThat(prompts.get(1)).startsWith("six after r-five");
        // It said, before it started, what changed and what it would do with each journaled call.
        assertThat(resumed.stderr()).contains(
                "main 8:3 c5 = a(...) on m: prompt \"five after {c4} BROKEN\" -> \"five after {c4}\"",
                "replayed from the journal: 4 calls (c1; c2; c3; c4)",
                "runs again, it failed before: 1 call",
                "c5: it failed before (fail: model 'm'");

        Path clean = Files.createDirectories(dir.resolve("clean")).resolve("pipeline.orch");
        Files.writeString(clean, pipeline().replace(" BROKEN", ""));
        CliRun fresh = CliRun.of("run", clean.toString(), "-q", "--no-store");
        assertThat(fresh.exitCode()).as(fresh.stderr()).isZero();
        assertThat(resumed.stdout()).isEqualTo(fresh.stdout()).isNotBlank();

        // The run's plan is now the fixed script's: resuming again replays everything and asks nothing.
        prompts.clear();
        CliRun again = CliRun.of("resume", runId, "-q", "--store", store.toString());
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(prompts).isEmpty();
        assertThat(again.stdout()).isEqualTo(fresh.stdout());
    }

    @Test
    void statementsInsertedAboveAndBetweenCallsDoNotMoveThemTheyReplayAndOnlyTheNewCallIsSent() throws Exception {
        Path script = dir.resolve("pipeline.orch");
        String fixed = pipeline().replace(" BROKEN", "");
        Files.writeString(script, fixed);
        Path store = dir.resolve("runs.db");
        assertThat(CliRun.of("run", script.toString(), "-q", "--store", store.toString()).exitCode()).isZero();
        String runId = CliRun.newestRun(store);

        String edited = fixed.replace("  c1 = a(\"one\")\n", "  print \"starting\"\n  c1 = a(\"one\")\n")
                .replace("  c4 = a(", "  extra = a(\"an aside after {c3}\")\n  print extra\n  c4 = a(");
        Files.writeString(script, edited);
        prompts.clear();
        CliRun resumed = CliRun.of("resume", runId, "--store", store.toString());
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(prompts).containsExactly("an aside after r-three(" + prompts.get(0).split("\\(")[1]);
        assertThat(resumed.stderr()).contains("main 4:3 print \"starting\" (new)", "main 8:3 extra = a(...) on m (new)",
                "replayed from the journal: 6 calls").doesNotContain("runs again");

        Path clean = Files.createDirectories(dir.resolve("clean")).resolve("pipeline.orch");
        Files.writeString(clean, edited);
        CliRun fresh = CliRun.of("run", clean.toString(), "-q", "--no-store");
        assertThat(resumed.stdout()).isEqualTo(fresh.stdout());

        // The journal now sits at the new plan's places: resuming again sends nothing.
        prompts.clear();
        CliRun again = CliRun.of("resume", runId, "-q", "--store", store.toString());
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(prompts).isEmpty();
        assertThat(again.stdout()).isEqualTo(fresh.stdout());
    }

    @Test
    void aChangeThatDiscardsAJournaledReplyNeedsAYesAndWithoutOneNothingRuns() throws Exception {
        Path script = dir.resolve("pipeline.orch");
        Files.writeString(script, pipeline().replace(" BROKEN", ""));
        Path store = dir.resolve("runs.db");
        assertThat(CliRun.of("run", script.toString(), "-q", "--store", store.toString()).exitCode()).isZero();
        String runId = CliRun.newestRun(store);

        Files.writeString(script, pipeline().replace(" BROKEN", "").replace("four after {c3}", "four, briefly, after {c3}"));
        prompts.clear();
        CliRun refused = CliRun.of("resume", runId, "-q", "--store", store.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(prompts).isEmpty();
        assertThat(refused.stderr()).contains(
                "prompt \"four after {c3}\" -> \"four, briefly, after {c3}\"",
                "replayed from the journal: 3 calls (c1; c2; c3)",
                "runs again, its journaled reply set aside: 3 calls",
                "c4: main 7:3 c4 = a(...) on m: prompt",
                "c5: it reads the result of main 7:3 c4 = a(...) on m, which changed",
                "give --yes to run them again", "--recorded")
                .doesNotContain("Exception");

        // --recorded runs the plan the run recorded: everything replays, the edit is not used.
        CliRun recorded = CliRun.of("resume", runId, "-q", "--recorded", "--store", store.toString());
        assertThat(recorded.exitCode()).as(recorded.stderr()).isZero();
        assertThat(prompts).isEmpty();

        CliRun yes = CliRun.of("resume", runId, "-q", "--yes", "--store", store.toString());
        assertThat(yes.exitCode()).as(yes.stderr()).isZero();
        assertThat(prompts).hasSize(3);
        assertThat(prompts.get(0)).startsWith("four, briefly, after r-three");
    }

    @Test
    void aDeclarationChangeIsNamedInWordsAndOneThatDoesNotShapeRepliesReplaysEverything() throws Exception {
        Path script = dir.resolve("essay.orch");
        String source = """
                model slow = mock(latency: 3s)
                agent writer { model: slow, system: "Be brief." }
                workflow main() {
                  draft = writer("a draft")
                  print draft
                }
                """;
        Files.writeString(script, source.replace("3s", "1ms"));
        Path store = dir.resolve("runs.db");
        assertThat(CliRun.of("run", script.toString(), "-q", "--store", store.toString()).exitCode()).isZero();
        String runId = CliRun.newestRun(store);

        Files.writeString(script, source.replace("3s", "200ms"));
        CliRun faster = CliRun.of("resume", runId, "--plain", "--store", store.toString());
        assertThat(faster.exitCode()).as(faster.stderr()).isZero();
        assertThat(faster.stderr()).contains("model slow: latency 1ms -> 200ms", "replayed from the journal: 1 call (draft)")
                .doesNotContain("runs again");

        Files.writeString(script, source.replace("3s", "200ms").replace("Be brief.", "Be thorough."));
        CliRun refused = CliRun.of("resume", runId, "--store", store.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("agent writer: system \"Be brief.\" -> \"Be thorough.\"",
                "draft: agent writer: system \"Be brief.\" -> \"Be thorough.\"");
    }
}

package dev.orch.cli;

import static dev.orch.cli.ResumeTest.orch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model turn and every tool call is journaled: an OpenAI-compatible model that calls a tool five times, one
 * call a turn, killed with SIGKILL while the third call runs, then `orch resume`: the model is asked only for the
 * turns it had not answered (counted at the server), the two finished calls are not run again, and the tool, which
 * appends a line a call, leaves exactly one line per call.
 */
class ToolCallsOnceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    MockWebServer server = new MockWebServer();
    AtomicInteger requests = new AtomicInteger();
    @TempDir Path dir;

    @BeforeEach
    void start() throws Exception {
        // The model calls step(n) until five results are back, then answers: what it says depends only on the request.
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.incrementAndGet();
                try {
                    JsonNode body = JSON.readTree(request.getBody().readString(StandardCharsets.UTF_8));
                    int results = 0;
                    for (JsonNode m : body.get("messages")) if (m.get("role").asText().equals("tool")) results++;
                    String message = results < 5
                            ? """
                              {"role": "assistant", "content": null, "tool_calls": [{"id": "call_%d", "type": "function",
                                "function": {"name": "step", "arguments": "{\\"n\\": %d}"}}]}""".formatted(results + 1, results + 1)
                            : """
                              {"role": "assistant", "content": "done after %d steps"}""".formatted(results);
                    return new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                            {"id": "chatcmpl-%d", "object": "chat.completion", "model": "gpt-x",
                             "choices": [{"index": 0, "finish_reason": "%s", "message": %s}],
                             "usage": {"prompt_tokens": 40, "completion_tokens": 10, "total_tokens": 50}}"""
                            .formatted(results, results < 5 ? "tool_calls" : "stop", message));
                } catch (Exception e) {
                    return new MockResponse().setResponseCode(500).setBody(String.valueOf(e));
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void aRunKilledDuringTheThirdToolCallResumesWithoutRedoingFinishedTurnsOrCalls() throws Exception {
        Path script = dir.resolve("steps.orch");
        Files.writeString(script, """
                model m = openai("gpt-x", base_url: "%s", api_key_env: "ORCH_TEST_KEY")

                tool step(n: number "which step this is") -> text "Does one step of the job and logs it" {
                  append("steps.log", "step {n}\\n")
                  if n == 3 {
                    append("started.log", "the log line above is journaled\\n")
                    sh(["sleep", "3"])
                  }
                  return "step {n} done"
                }

                agent worker { model: m, tools: [step], max_turns: 8 }

                workflow main() {
                  r = worker("Do the five steps")
                  print "{r} | turns {r.turns} | tool calls {len(r.tool_calls)}"
                }
                """.formatted(server.url("/v1")));
        Path store = dir.resolve("runs.db");
        Path trace = dir.resolve("first.jsonl");
        Path log = dir.resolve("steps.log");

        Path firstOutput = dir.resolve("first.out");
        Process first = child("run", script.toString(), "-q", "--allow", "shell", "--store", store.toString(),
                "--trace", trace.toString()).redirectErrorStream(true).redirectOutput(firstOutput.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // The third call has logged its line and sleeps: kill it there, before its result is journaled. Its next
            // effect has started, so the log line's append is journaled (a kill between an effect and its journal
            // commit does it again on resume, by design).
            Path started = dir.resolve("started.log");
            while (!Files.exists(started) && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(lines(log)).as("the third call started; the run said: %s", Files.readString(firstOutput)).isEqualTo(3);
            assertThat(first.isAlive()).isTrue();
            first.destroyForcibly(); // SIGKILL
        } finally {
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(requests.get()).as("turns asked before the kill").isEqualTo(3);
        assertThat(ResumeTest.events(trace, "tool_started")).hasSize(3);

        String runId = CliRun.newestRun(store);
        CliRun killed = CliRun.of("show", runId, "r", "--store", store.toString());
        assertThat(killed.stdout()).as(killed.stderr()).startsWith("task main/15:3  r\n  did not finish (killed, or still running);")
                .contains("    t3: asked for 1 tool call", "      t2.1 step {\"n\": 2}: ok after").doesNotContain("t3.1");
        Process resumed = child("resume", runId, "-q", "--allow", "shell", "--store", store.toString())
                .redirectErrorStream(true).start();
        String output = new String(resumed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(resumed.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(resumed.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("done after 5 steps | turns 6 | tool calls 5\n");
        assertThat(Files.readAllLines(log)).containsExactly("step 1", "step 2", "step 3", "step 4", "step 5");
        assertThat(requests.get()).as("turns 1-3 replayed; turns 4, 5 and 6 asked once each").isEqualTo(6);

        CliRun show = CliRun.of("show", runId, "r", "--store", store.toString());
        assertThat(show.exitCode()).as(show.stderr()).isZero();
        assertThat(show.stdout()).contains("  turns:\n", "    t1: asked for 1 tool call, 40 tokens in, 10 out\n",
                "      t3.1 step {\"n\": 3}: ok after", "        step 3 done\n", "    t6: answered, 40 tokens in, 10 out\n");
    }

    private ProcessBuilder child(String... args) {
        List<String> command = orch(args);
        command.addAll(1, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        ProcessBuilder pb = CliRun.process(command);
        pb.environment().put("ORCH_TEST_KEY", "sk-orch-test-key");
        pb.environment().remove("ORCH_STORE");
        return pb.directory(dir.toFile());
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}

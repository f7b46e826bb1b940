package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.stdlib.provider.Env;
import dev.orch.testkit.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference MCP filesystem server from npm, started by the run over stdio through the official SDK: its tools
 * are offered to the model with the server's own schemas, the model lists and reads a file through it, and a
 * misspelt tool name fails the run when it starts, at the tool list's item. The model is a local fake OpenAI server.
 */
class McpServersTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Env ENV = Map.of("ORCH_TEST_KEY", "sk-orch-test-key")::get;

    MockWebServer model = new MockWebServer();
    @TempDir Path dir;
    Path server;

    @BeforeEach
    void start() throws Exception {
        server = TestTools.npmServer("@modelcontextprotocol/server-filesystem");
        model.start();
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/plan.md"), "ship on friday");
    }

    @AfterEach
    void stop() throws Exception {
        model.shutdown();
    }

    String script(String tools) {
        return """
                model m = openai("gpt-x", base_url: "%s", api_key_env: "ORCH_TEST_KEY")
                mcp files { command: "%s", args: ["%s", "docs"] }
                agent helper { model: m, tools: %s }
                workflow main() {
                  r = helper("What is the plan?")
                  print "{r} | turns {r.turns} | {r.tool_calls[0].tool} {r.tool_calls[1].tool} {r.tool_calls[1].ok}"
                }
                """.formatted(model.url("/v1"), TestTools.node(), server, tools);
    }

    static MockResponse call(String id, String tool, String args) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                {"id": "c-%s", "object": "chat.completion", "model": "gpt-x",
                 "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
                   "tool_calls": [{"id": "%s", "type": "function", "function": {"name": "%s", "arguments": %s}}]}}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 5}}""".formatted(id, id, tool, JSON.valueToTree(args)));
    }

    static MockResponse answer(String text) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                {"id": "c-end", "object": "chat.completion", "model": "gpt-x",
                 "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "%s"}}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 5}}""".formatted(text));
    }

    List<JsonNode> bodies(int n) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RecordedRequest r = model.takeRequest(5, TimeUnit.SECONDS);
            out.add(JSON.readTree(r.getBody().readUtf8()));
        }
        return out;
    }

    @Test
    void anAgentListsAndReadsAFileThroughTheFilesystemServer() throws Exception {
        Path docs = dir.resolve("docs").toRealPath();
        model.enqueue(call("call_1", "files__list_directory", "{\"path\": \"" + docs + "\"}"));
        model.enqueue(call("call_2", "files__read_text_file", "{\"path\": \"" + docs.resolve("plan.md") + "\"}"));
        model.enqueue(answer("We ship on friday."));

        var o = Scripts.run(dir, script("[files]"), null, Map.of(), ENV, Set.of("shell"), false);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("We ship on friday. | turns 3 | files.list_directory files.read_text_file true\n");
        List<JsonNode> b = bodies(3);
        List<String> offered = new ArrayList<>();
        b.get(0).get("tools").forEach(t -> offered.add(t.get("function").get("name").asText()));
        assertThat(offered).contains("files__read_text_file", "files__list_directory", "files__write_file");
        JsonNode read = null;
        for (JsonNode t : b.get(0).get("tools")) if (t.get("function").get("name").asText().equals("files__read_text_file")) read = t;
        assertThat(read.get("function").get("parameters").get("properties").has("path")).isTrue();
        assertThat(read.get("function").get("description").asText()).isNotBlank();
        JsonNode listed = b.get(1).get("messages").get(2);
        assertThat(listed.get("role").asText()).isEqualTo("tool");
        assertThat(listed.get("content").asText()).contains("[FILE] plan.md");
        assertThat(b.get(2).get("messages").get(4).get("content").asText()).isEqualTo("ship on friday");
    }

    @Test
    void oneToolOfAServerIsOfferedAlone() throws Exception {
        model.enqueue(answer("nothing to do"));

        String source = script("[files.read_text_file]").replaceAll("print .*", "print r");
        var o = Scripts.run(dir, source, null, Map.of(), ENV, Set.of("shell"), false);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        JsonNode tools = bodies(1).get(0).get("tools");
        assertThat(tools).hasSize(1);
        assertThat(tools.get(0).get("function").get("name").asText()).isEqualTo("files__read_text_file");
    }

    @Test
    void aMisspeltToolNameFailsTheRunAtItsPlaceInTheToolList() {
        var o = Scripts.run(dir, script("[read, files.read_txt_file]"), null, Map.of(), ENV, Set.of("shell"), false);

        assertThat(o.result().ok()).isFalse();
        assertThat(o.error().getMessage()).isEqualTo("the mcp server files has no tool 'read_txt_file'; did you mean 'files.read_text_file'?");
        assertThat(o.error().span().line()).isEqualTo(3);
        assertThat(o.error().span().col()).isEqualTo(40);
        assertThat(model.getRequestCount()).isZero();
    }

    @Test
    void aServerThatExitsAtOnceFailsTheRunWithWhatItSaid() {
        String source = script("[files]").replace("\"docs\"", "\"no-such-folder\"");

        var o = Scripts.run(dir, source, null, Map.of(), ENV, Set.of("shell"), false);

        assertThat(o.result().ok()).isFalse();
        assertThat(o.error().getMessage()).startsWith("the mcp server files did not start: ").contains("no-such-folder");
    }

    @Test
    void aProgramThatIsNotThereFailsTheRunAtTheDeclaration() {
        String source = script("[files]").replace(TestTools.node().toString(), "/no/such/node");

        var o = Scripts.run(dir, source, null, Map.of(), ENV, Set.of("shell"), false);

        assertThat(o.result().ok()).isFalse();
        assertThat(o.error().getMessage()).isEqualTo("the mcp server files did not start: the program '/no/such/node' is not found");
        assertThat(o.error().span().line()).isEqualTo(2);
    }
}

package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mcp NAME { url:, headers: }`: an MCP server that speaks Streamable HTTP, here one built with the official Java
 * SDK's server and its servlet transport in an embedded Tomcat on a loopback port. The run lists its tools when it
 * starts, the agent calls them (one named with a quoted name, `docs."read-file"`), every request carries the
 * declared headers, and a misspelt tool name fails the run at its item of the tool list.
 */
class StreamableHttpMcpTest {
    @TempDir Path dir;
    Tomcat tomcat;
    McpSyncServer mcp;
    String url;
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .mcpEndpoint("/mcp")
                .contextExtractor(request -> {
                    authorizations.add(String.valueOf(request.getHeader("Authorization")));
                    return McpTransportContext.create(Map.of());
                })
                .build();
        mcp = McpServer.sync(transport)
                .serverInfo("docs", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .toolCall(McpSchema.Tool.builder().name("lookup").description("Looks a topic up in the docs")
                                .inputSchema(McpJsonDefaults.getMapper(), """
                                        {"type": "object", "properties": {"topic": {"type": "string"}}, "required": ["topic"]}""")
                                .build(),
                        (exchange, request) -> McpSchema.CallToolResult.builder()
                                .addTextContent("the docs on " + request.arguments().get("topic") + ": ship on friday").build())
                .toolCall(McpSchema.Tool.builder().name("read-file").description("Reads a file of the docs")
                                .inputSchema(McpJsonDefaults.getMapper(), """
                                        {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}""")
                                .build(),
                        (exchange, request) -> McpSchema.CallToolResult.builder()
                                .addTextContent("contents of " + request.arguments().get("path")).build())
                .build();
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "mcp");
        tomcat.start();
        url = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp";
    }

    @AfterEach
    void stop() throws Exception {
        mcp.closeGracefully();
        tomcat.stop();
        tomcat.destroy();
    }

    Scripts.Outcome run(String tools) {
        return run(tools, "");
    }

    Scripts.Outcome run(String tools, String declarations) {
        return Scripts.run(dir, declarations + """
                mcp docs { url: "%s", headers: { Authorization: "Bearer docs-t0ken" } }
                model m = mock(rules: { "^When": [
                  { call: "docs.lookup", args: { topic: "release" } },
                  { call: "docs.read-file", args: { path: "plan.md" } },
                  "$result"
                ] })
                agent helper { model: m, tools: %s }
                workflow main() {
                  r = helper("When do we ship?")
                  print r
                  for call in r.tool_calls {
                    print "{call.tool} ok: {call.ok}"
                  }
                }
                """.formatted(url, tools), null, Map.of(), Scripts.NO_KEYS, Set.of(), false);
    }

    @Test
    void anAgentCallsTheToolsOfAStreamableHttpServerWithTheDeclaredHeaders() {
        var o = run("[docs.lookup, docs.\"read-file\"]");

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("""
                contents of plan.md
                docs.lookup ok: true
                docs.read-file ok: true
                """);
        assertThat(authorizations).as("initialize, tools/list, two tools/call and more: every request").hasSizeGreaterThanOrEqualTo(4)
                .containsOnly("Bearer docs-t0ken");
    }

    @Test
    void aWholeServerGivesAllItsTools() {
        var o = run("[docs]");

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).startsWith("contents of plan.md\n");
    }

    @Test
    void aToolTheServerDoesNotHaveFailsTheRunAtItsItem() {
        var o = run("[docs.lookup, docs.read_file]");

        assertThat(o.result().ok()).isFalse();
        assertThat(o.error().kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(o.error().getMessage()).isEqualTo("the mcp server docs has no tool 'read_file'; did you mean 'docs.read-file'?");
        assertThat(o.error().span().col()).isEqualTo(47);
    }

    @Test
    void twoToolsThatMeetOnTheWireFailTheRunAtTheSecond() {
        var o = run("[docs, docs__lookup]", """
                tool docs__lookup(topic: text "a topic") "Looks a topic up" {
                  return topic
                }
                """);

        assertThat(o.result().ok()).isFalse();
        assertThat(o.error().getMessage()).startsWith("the tools 'docs.lookup' and 'docs__lookup' of agent 'helper' go to the model"
                + " under the same name 'docs__lookup'");
        assertThat(List.of(o.error().span().line(), o.error().span().col())).isEqualTo(List.of(10, 40));
    }
}

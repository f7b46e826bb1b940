package dev.orch.stdlib.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.value.Value;
import dev.orch.testkit.LoopbackServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class HttpCallTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();
    // The test server listens on loopback, which http() reaches only when the host is named (issue 20 item 7).
    static final Grants NET = new Grants(Set.of("net", "net:localhost"));

    private Value http(Grants grants, String url, Map<String, Value> options) throws Exception {
        return Builtins.get("http").call(new BuiltinFunction.Args("http", List.of(Value.of(url)), options,
                new ScriptFolder(dir, List.of()), grants));
    }

    @Test
    void withoutAllowNetItIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> http(Grants.NONE, server.url("/").toString(), Map.of()))
                .isInstanceOfSatisfying(BuiltinException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.TOOL);
                    assertThat(e.getMessage()).isEqualTo("http() needs `--allow net`: run it as: orch run FILE --allow net");
                });
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void getReturnsTheBody() throws Exception {
        server.enqueue(new MockResponse().setBody("hello"));
        assertThat(http(NET, server.url("/greeting").toString(), Map.of())).isEqualTo(Value.of("hello"));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getPath()).isEqualTo("/greeting");
    }

    @Test
    void postSendsHeadersAndAMapBodyAsJson() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(201).setBody("created"));
        Map<String, Value> body = new LinkedHashMap<>();
        body.put("title", Value.of("x"));
        Map<String, Value> options = Map.of("method", Value.of("POST"),
                "headers", new Value.MapOf(Map.of("X-Team", Value.of("meta"))),
                "body", new Value.MapOf(body));
        assertThat(http(NET, server.url("/items").toString(), options)).isEqualTo(Value.of("created"));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getHeader("X-Team")).isEqualTo("meta");
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        assertThat(r.getBody().readUtf8()).isEqualTo("{\"title\":\"x\"}");
    }

    @Test
    void aStatusOutside2xxIsAToolErrorWithTheStatusAndBody() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("no such item"));
        assertThatThrownBy(() -> http(NET, server.url("/items/9").toString(), Map.of()))
                .isInstanceOfSatisfying(BuiltinException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.TOOL);
                    assertThat(e.getMessage()).contains("answered 404: no such item");
                });
    }
}

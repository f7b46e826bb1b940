package dev.orch.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny OpenAI-compatible server on loopback: every POST to /v1/chat/completions gets the same short completion at
 * once (or what a reply function makes of the request body), so what a benchmark measures is the client side. The
 * JDK's own server, one virtual thread a request.
 */
final class LocalChatServer implements AutoCloseable {
    static final String REPLY = """
            {"id":"chatcmpl-bench","object":"chat.completion","model":"bench-model",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":12,"completion_tokens":1,"total_tokens":13}}""";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    LocalChatServer() throws IOException {
        this(body -> FIXED);
    }

    private static final byte[] FIXED = REPLY.getBytes(StandardCharsets.UTF_8);

    LocalChatServer(java.util.function.Function<String, byte[]> replies) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1024);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] reply = replies.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, reply.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL a model's `base_url` names, `/v1` included as in OpenAI's SDK. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.close();
    }
}

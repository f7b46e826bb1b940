package dev.orch.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model server on an ephemeral loopback port that answers every request the same way, counting them: a hostile
 * reply for the CLI tests, written as it goes so a gigabyte costs the test nothing.
 */
final class LoopbackServer implements AutoCloseable {
    @FunctionalInterface
    interface Reply {
        void write(OutputStream body) throws IOException;
    }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final String location;

    private LoopbackServer(Reply reply) throws IOException {
        this(reply, null);
    }

    private LoopbackServer(Reply reply, String location) throws IOException {
        this.location = location;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> answer(exchange, reply));
        server.start();
    }

    /** Every request gets {@code json} as a whole reply. */
    static LoopbackServer json(String json) throws IOException {
        return new LoopbackServer(out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every request gets a whole reply whose content is {@code mb} megabytes of one letter, sent chunked. */
    static LoopbackServer huge(int mb) throws IOException {
        return new LoopbackServer(out -> {
            out.write("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < mb * 16; i++) out.write(chunk);
            out.write("\"},\"finish_reason\":\"stop\"}]}".getBytes(StandardCharsets.UTF_8));
        });
    }

    /** Every request is sent on to {@code location} with a 302. */
    static LoopbackServer redirect(String location) throws IOException {
        return new LoopbackServer(out -> { }, location);
    }

    private void answer(HttpExchange exchange, Reply reply) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            reply.write(exchange.getResponseBody());
        } catch (IOException clientLeft) {
            // The client stopped reading (the point of a hostile reply): nothing to do.
        }
    }

    /** The base URL a script's model names: `http://127.0.0.1:PORT/v1`. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.orch.cli;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A loopback OTLP/HTTP receiver, as a collector listens: the JDK's HTTP server, keeping each request's path, content
 * type and body, and the spans in them parsed with the OpenTelemetry project's own proto classes.
 */
final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    final BlockingQueue<String[]> requests = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> bodies = new LinkedBlockingQueue<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new String[] {exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type")});
            bodies.add(body);
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** What `--otel` takes. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every span received so far. */
    List<Span> spans() throws IOException {
        List<Span> spans = new ArrayList<>();
        for (byte[] body : bodies) {
            ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(body);
            export.getResourceSpansList().forEach(rs -> rs.getScopeSpansList().forEach(ss -> spans.addAll(ss.getSpansList())));
        }
        return spans;
    }

    /** A span's attribute as text (strings and integers), or null when it has none of that name. */
    static String attr(Span span, String key) {
        for (KeyValue kv : span.getAttributesList()) {
            if (kv.getKey().equals(key)) {
                var v = kv.getValue();
                return v.hasStringValue() ? v.getStringValue() : v.hasIntValue() ? String.valueOf(v.getIntValue()) : v.toString();
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.orch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible chat-completions server on a loopback port that answers each prompt with {@code "re: "} and
 * the prompt after a set latency, whole or as a stream as asked, and logs every request: its prompt (the last user
 * message), the API key it carried (each process under test gets a key of its own, so the key tells them apart)
 * and when it came and was answered.
 */
final class LoggingChatServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server saw it; {@code answeredNanos} is 0 until the whole reply was written. */
    record Request(String prompt, String key, long receivedNanos, long answeredNanos) {
        boolean answered() {
            return answeredNanos != 0;
        }
    }

    private final HttpServer server;
    private final Duration latency;
    private final List<Request> log = new ArrayList<>();

    LoggingChatServer(Duration latency) throws IOException {
        this.latency = latency;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    /** The base_url a script's model gives. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Every request so far, in the order they came. */
    synchronized List<Request> log() {
        return List.copyOf(log);
    }

    synchronized void clear() {
        log.clear();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String prompt = "";
            for (JsonNode m : body.get("messages")) if (m.get("role").asText().equals("user")) prompt = m.get("content").asText();
            int at;
            synchronized (this) {
                at = log.size();
                log.add(new Request(prompt, key(exchange.getRequestHeaders().getFirst("Authorization")), System.nanoTime(), 0));
            }
            Thread.sleep(latency);
            String reply = "re: " + prompt;
            boolean stream = body.path("stream").asBoolean(false);
            byte[] bytes = (stream ? stream(reply) : whole(reply)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", stream ? "text/event-stream" : "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            synchronized (this) {
                Request r = log.get(at);
                log.set(at, new Request(r.prompt(), r.key(), r.receivedNanos(), System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The process that asked was killed mid-reply: the request stays logged as not answered.
        }
    }

    private static String key(String authorization) {
        if (authorization == null) return "";
        return authorization.startsWith("Bearer ") ? authorization.substring("Bearer ".length()) : authorization;
    }

    private static String whole(String reply) {
        ObjectNode r = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "gpt-x");
        ObjectNode choice = r.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", reply);
        r.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return r.toString();
    }

    private static String stream(String reply) {
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta").put("role", "assistant").put("content", reply);
        choice.putNull("finish_reason");
        ObjectNode last = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk");
        last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
        last.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return "data: " + chunk + "\n\ndata: " + last + "\n\ndata: [DONE]\n\n";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

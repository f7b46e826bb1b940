package dev.orch.stdlib.provider.http;

import static dev.orch.stdlib.provider.Models.ENV;
import static dev.orch.stdlib.provider.Models.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A `race` loser or a failed `parallel` sibling is cancelled by interrupting its thread; the HTTP call must stop on
 * the wire, not run on and bill tokens. A plain socket stands in for the server so the test can see the connection
 * close: the server reads the request, never answers, and waits for end-of-stream. Orch's tasks run on virtual
 * threads, which make the call themselves; a platform thread (the body of `main`) hands it to OkHttp's dispatcher.
 */
class CancellationTest {
    @Test
    void interruptingACallInFlightOnAVirtualThreadClosesItsConnectionAndReturnsAtOnce() throws Exception {
        interruptingACallInFlightClosesItsConnectionAndReturnsAtOnce(Thread.ofVirtual());
    }

    @Test
    void interruptingACallInFlightOnAPlatformThreadClosesItsConnectionAndReturnsAtOnce() throws Exception {
        interruptingACallInFlightClosesItsConnectionAndReturnsAtOnce(Thread.ofPlatform());
    }

    private static void interruptingACallInFlightClosesItsConnectionAndReturnsAtOnce(Thread.Builder callers)
            throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String base = "http://127.0.0.1:" + listener.getLocalPort() + "/v1";
            Provider openai = HttpProviders.create(spec("openai", "gpt-4o", base), ENV);
            CompletableFuture<String> requestLine = new CompletableFuture<>();
            CompletableFuture<Long> closedAfterBytes = new CompletableFuture<>();
            Thread server = Thread.ofVirtual().start(() -> {
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout(10_000);
                    InputStream in = socket.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
                    requestLine.complete(head.substring(0, head.indexOf("\r\n")));
                    long more = 0;
                    while (in.read() != -1) more++;
                    closedAfterBytes.complete(more);
                } catch (Exception e) {
                    closedAfterBytes.completeExceptionally(e);
                }
            });
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread caller = callers.start(() -> {
                try {
                    openai.complete(new CompletionRequest(null, null, "write a long essay", null, null, false,
                            Duration.ofSeconds(30), text -> { }));
                } catch (InterruptedException | ProviderException e) {
                    outcome.set(e);
                }
            });

            assertThat(requestLine.get(5, TimeUnit.SECONDS)).isEqualTo("POST /v1/chat/completions HTTP/1.1");
            long interruptedAt = System.nanoTime();
            caller.interrupt();
            caller.join(Duration.ofSeconds(2));

            assertThat(caller.isAlive()).as("the call returned after the interrupt").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(1));
            assertThat(outcome.get()).satisfiesAnyOf(
                    e -> assertThat(e).isInstanceOf(InterruptedException.class),
                    e -> assertThat(((ProviderException) e).kind()).isEqualTo(ErrorKind.CANCELLED));
            assertThat(closedAfterBytes.get(5, TimeUnit.SECONDS)).as("the server saw the connection close").isNotNull();
            server.join(Duration.ofSeconds(5));
            listener.setSoTimeout(500);
            assertThatThrownBy(listener::accept).as("the request was not sent again on a new connection")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }
}

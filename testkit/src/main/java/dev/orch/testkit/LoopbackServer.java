package dev.orch.testkit;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MockWebServer on a free loopback port for each test, started before it and shut down after it:
 * {@code @RegisterExtension final LoopbackServer server = new LoopbackServer();}
 */
public final class LoopbackServer implements BeforeEachCallback, AfterEachCallback {
    private MockWebServer server = new MockWebServer();

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        server.shutdown();
        server = new MockWebServer();
    }

    public String url(String path) {
        return server.url(path).toString();
    }

    public void enqueue(MockResponse reply) {
        server.enqueue(reply);
    }

    public void dispatch(Dispatcher dispatcher) {
        server.setDispatcher(dispatcher);
    }

    /** The next request the server received, waiting up to ten seconds for it. */
    public RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
        if (request == null) throw new AssertionError("the server received no request within 10 s");
        return request;
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    /** The server itself, for what this class does not cover. */
    public MockWebServer mock() {
        return server;
    }
}

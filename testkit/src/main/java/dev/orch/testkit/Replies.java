package dev.orch.testkit;

import okhttp3.mockwebserver.MockResponse;

/** What a provider's server sends back, for a {@link LoopbackServer} to serve. */
public final class Replies {
    private Replies() {}

    public static MockResponse json(String body) {
        return json(200, body);
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    /** A server-sent event stream in one piece. */
    public static MockResponse sse(String body) {
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(body);
    }

    /**
     * A server-sent event stream cut into HTTP chunks of {@code chunkBytes}, so that events and even UTF-8 characters
     * straddle reads as they do on a real connection.
     */
    public static MockResponse sse(String body, int chunkBytes) {
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setChunkedBody(body, chunkBytes);
    }
}

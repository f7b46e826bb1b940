package dev.orch.stdlib.provider.http;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The one OkHttpClient every model shares: one connection pool (keep-alive, HTTP/2 where the server offers it) and
 * one dispatcher. The dispatcher runs calls on virtual threads with no cap of its own, since each model's
 * `max_concurrency` is the cap users set; OkHttp's default of 5 calls per host would silently serialise a
 * `parallel` block. A call's own `timeout` bounds it as a whole; the read timeout only catches a silent server.
 * A call whose thread was interrupted goes no further: OkHttp retries a request whose connection failed on another
 * connection, and an interrupt that closed the socket must not send the request again.
 */
public final class HttpClients {
    /** How long a server may send nothing while a call is open, unless the model's `idle_timeout` says otherwise. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    private HttpClients() {}

    public static OkHttpClient shared() {
        return Shared.CLIENT;
    }

    private static final class Shared {
        static final OkHttpClient CLIENT = build();

        private static OkHttpClient build() {
            Dispatcher dispatcher = new Dispatcher(Executors.newVirtualThreadPerTaskExecutor());
            dispatcher.setMaxRequests(4096);
            dispatcher.setMaxRequestsPerHost(4096);
            return new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .addNetworkInterceptor(chain -> {
                        if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted");
                        return chain.proceed(chain.request());
                    })
                    .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                    .connectTimeout(Duration.ofSeconds(15))
                    .writeTimeout(Duration.ofSeconds(60))
                    .readTimeout(DEFAULT_IDLE_TIMEOUT)
                    .build();
        }
    }
}

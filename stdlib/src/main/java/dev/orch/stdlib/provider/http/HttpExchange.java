package dev.orch.stdlib.provider.http;

import dev.orch.stdlib.provider.ProviderException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One HTTP call that the calling thread can abandon. The call runs on OkHttp's dispatcher and the caller waits on a
 * future, because a thread blocked in a socket read does not notice an interrupt; here an interrupt cancels the
 * call, which closes its connection, and the caller gets its InterruptedException at once. The body is read on the
 * dispatcher's thread, so streamed text reaches the token listener from there.
 */
final class HttpExchange {
    private HttpExchange() {}

    @FunctionalInterface
    interface BodyReader<T> {
        T read(Response response) throws IOException, ProviderException;
    }

    static <T> T send(OkHttpClient client, Request request, Duration timeout, HttpFailures failures,
            BodyReader<T> reader) throws ProviderException, InterruptedException {
        Call call = client.newCall(request);
        if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
            call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                result.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    if (!response.isSuccessful()) result.completeExceptionally(failures.fromStatus(response));
                    else result.complete(reader.read(response));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            call.cancel();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProviderException pe) throw pe;
            if (cause instanceof IOException io) throw failures.fromIo(io);
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }
}

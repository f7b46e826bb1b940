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
 * One HTTP call that the calling thread can abandon: an interrupt cancels the call, which closes its connection, and
 * the caller gets its InterruptedException at once. On a virtual thread (every Orch task runs on one) the call runs
 * right there with `execute()`: a virtual thread blocked in a socket read is interruptible, the JDK closes the socket,
 * and {@link HttpClients} stops OkHttp from retrying an interrupted call on another connection. A platform thread
 * blocked in a socket read does not notice an interrupt, so there the call runs on OkHttp's dispatcher and the caller
 * waits on a future. Either way the body is read where the call runs, so streamed text reaches the token listener
 * from that thread.
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
        return Thread.currentThread().isVirtual() ? direct(call, failures, reader) : queued(call, failures, reader);
    }

    private static <T> T direct(Call call, HttpFailures failures, BodyReader<T> reader)
            throws ProviderException, InterruptedException {
        if (Thread.interrupted()) throw new InterruptedException();
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) throw failures.fromStatus(response);
            return reader.read(response);
        } catch (IOException e) {
            throw abandonedOr(call, failures.fromIo(e));
        } catch (ProviderException e) {
            throw abandonedOr(call, e);
        } catch (RuntimeException e) {
            throw abandonedOr(call, e);
        }
    }

    /**
     * What the queued path gives a caller interrupted mid-call, whatever the interrupt did to the call on its way out
     * (a closed socket reads as an IOException): the call cancelled and an InterruptedException.
     */
    private static <E extends Throwable> E abandonedOr(Call call, E failure) throws InterruptedException {
        if (!Thread.interrupted()) return failure;
        call.cancel();
        InterruptedException interrupted = new InterruptedException();
        interrupted.addSuppressed(failure);
        throw interrupted;
    }

    private static <T> T queued(Call call, HttpFailures failures, BodyReader<T> reader)
            throws ProviderException, InterruptedException {
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

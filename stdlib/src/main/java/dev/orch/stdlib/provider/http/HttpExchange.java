package dev.orch.stdlib.provider.http;

import dev.orch.stdlib.provider.ProviderException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>On the direct path a call's timeout is a timer that cancels the call, not OkHttp's call timeout: okio keeps
 * every pending timeout in one list under one class lock, and with 64 calls at a time removing each call's entry
 * took a quarter of the script path's CPU (JFR, bench/run http). A timer in a heap cancels in O(log n).
 */
final class HttpExchange {
    private static final ScheduledThreadPoolExecutor TIMERS = timers();

    private HttpExchange() {}

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "orch-http-timeouts");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    @FunctionalInterface
    interface BodyReader<T> {
        T read(Response response) throws IOException, ProviderException;
    }

    static <T> T send(OkHttpClient client, Request request, Duration timeout, HttpFailures failures,
            BodyReader<T> reader) throws ProviderException, InterruptedException {
        Call call = client.newCall(request);
        boolean timed = timeout != null && !timeout.isZero() && !timeout.isNegative();
        if (Thread.currentThread().isVirtual()) return direct(call, timed ? timeout : null, failures, reader);
        if (timed) call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return queued(call, failures, reader);
    }

    private static <T> T direct(Call call, Duration timeout, HttpFailures failures, BodyReader<T> reader)
            throws ProviderException, InterruptedException {
        if (Thread.interrupted()) throw new InterruptedException();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> timer = timeout == null ? null : TIMERS.schedule(() -> {
            timedOut.set(true);
            call.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) throw failures.fromStatus(response);
            return reader.read(response);
        } catch (IOException e) {
            throw abandonedOr(call, timedOut.get() ? timedOut(e, failures) : failures.fromIo(e));
        } catch (ProviderException e) {
            throw abandonedOr(call, timedOut.get() ? timedOut(e, failures) : e);
        } catch (RuntimeException e) {
            throw abandonedOr(call, e);
        } finally {
            if (timer != null) timer.cancel(false);
        }
    }

    /** What OkHttp's own call timeout throws, so both paths word a timeout alike. */
    private static ProviderException timedOut(Exception cause, HttpFailures failures) {
        InterruptedIOException timeout = new InterruptedIOException("timeout");
        timeout.initCause(cause);
        return failures.fromIo(timeout);
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

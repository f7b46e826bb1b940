package dev.orch.stdlib.provider.limit;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.TokenEstimate;
import java.util.concurrent.Semaphore;

/**
 * A model's own limits around its provider: `max_concurrency` calls at once, `rpm` requests and `tpm` tokens in any
 * rolling minute. A call takes its concurrency slot first and its rate slots last, just before it is sent, so a
 * slot's time is the time the provider sees. A 429 with Retry-After holds back every call to the model until then:
 * the provider has said the whole key is over its limit, not one call.
 */
public final class LimitedProvider implements Provider {
    private final Provider inner;
    private final Semaphore concurrency;
    private final RateWindow requests;
    private final RateWindow tokens;
    private final TimeSource time;
    private long pausedUntil;
    private boolean paused;

    public LimitedProvider(Provider inner, Integer maxConcurrency, Integer rpm, Integer tpm, TimeSource time) {
        this.inner = inner;
        this.concurrency = maxConcurrency != null && maxConcurrency > 0 ? new Semaphore(maxConcurrency, true) : null;
        this.requests = rpm != null && rpm > 0 ? RateWindow.perMinute(rpm, time) : null;
        this.tokens = tpm != null && tpm > 0 ? RateWindow.perMinute(tpm, time) : null;
        this.time = time;
    }

    /** The provider itself when the model declares no limit. */
    public static Provider wrap(Provider inner, ModelSpec spec, TimeSource time) {
        if (spec.maxConcurrency() == null && spec.rpm() == null && spec.tpm() == null) return inner;
        return new LimitedProvider(inner, spec.maxConcurrency(), spec.rpm(), spec.tpm(), time);
    }

    @Override
    public Completion complete(CompletionRequest request) throws ProviderException, InterruptedException {
        if (concurrency != null) concurrency.acquire();
        try {
            waitOutPause();
            if (requests != null) requests.acquire(1);
            RateWindow.Permit tokenSlot = tokens != null ? tokens.acquire(TokenEstimate.worstCase(request)) : null;
            try {
                Completion done = inner.complete(request);
                if (tokenSlot != null) tokenSlot.settle(done.tokensIn() + done.tokensOut());
                return done;
            } catch (ProviderException e) {
                if (tokenSlot != null) tokenSlot.settle(0);
                if (e.kind() == ErrorKind.RATE_LIMIT && e.retryAfter() != null) pauseFor(e.retryAfter().toNanos());
                throw e;
            }
        } finally {
            if (concurrency != null) concurrency.release();
        }
    }

    private void waitOutPause() throws InterruptedException {
        long until;
        synchronized (this) {
            if (!paused) return;
            until = pausedUntil;
        }
        time.sleepUntil(until);
    }

    private synchronized void pauseFor(long nanos) {
        long until = time.nanoTime() + nanos;
        if (!paused || until - pausedUntil > 0) pausedUntil = until;
        paused = true;
    }
}

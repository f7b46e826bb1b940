package dev.orch.stdlib.provider;

/**
 * A model behind `model NAME = PROVIDER(...)`: one request in, one completion with token usage out. Calls block the
 * calling (virtual) thread; interrupting that thread must abort the call, including an HTTP request in flight, and
 * surface as {@link ProviderException} of kind CANCELLED or as {@link InterruptedException}.
 */
public interface Provider {
    Completion complete(CompletionRequest request) throws ProviderException, InterruptedException;
}

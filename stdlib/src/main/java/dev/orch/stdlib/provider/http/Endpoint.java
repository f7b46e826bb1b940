package dev.orch.stdlib.provider.http;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.ProviderException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Where one declared model is served and how to authenticate: what both HTTP providers share. A missing key or a
 * bad base URL is reported when the model is first called, so a script that declares a model it does not use still
 * runs; {@link HttpProviders#problem} finds the same issue up front. {@code replyLimit} bounds a reply body in bytes,
 * {@code callTimeout} a whole call unless the agent sets its own; the client's read timeout is the model's
 * `idle_timeout`.
 */
record Endpoint(
        String label,
        String modelId,
        String baseUrl,
        ApiKey key,
        String keyVariable,
        boolean keyRequired,
        Double temperature,
        long replyLimit,
        Duration callTimeout,
        OkHttpClient client,
        HttpFailures failures) {

    /** The URL of {@code path} under the base, which may end with a slash or not. */
    HttpUrl url(String path) throws ProviderException {
        HttpUrl base = HttpUrl.parse(baseUrl);
        if (base == null) {
            throw new ProviderException(ErrorKind.FAIL, label + ": base_url \"" + baseUrl + "\" is not an http(s) URL");
        }
        return base.newBuilder().addPathSegments(path).build();
    }

    void requireKey() throws ProviderException {
        if (keyRequired && key == null) throw new ProviderException(ErrorKind.FAIL, missingKeyMessage());
    }

    String missingKeyMessage() {
        return label + ": no API key: set the environment variable " + keyVariable
                + " (or name another variable with api_key_env:)";
    }

    String model(CompletionRequest request) {
        return request.model() != null ? request.model() : modelId;
    }

    /** The agent's `timeout`, else the model's. */
    Duration timeout(CompletionRequest request) {
        return request.timeout() != null ? request.timeout() : callTimeout;
    }

    Double temperature(CompletionRequest request) {
        return request.temperature() != null ? request.temperature() : temperature;
    }
}

package dev.orch.stdlib.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.provider.ProviderException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Response;

/**
 * Turns what went wrong on the wire into an Orch error kind, with a message in the user's terms that shows the
 * provider's own explanation and never the key. 429 is `rate_limit` (with Retry-After), 408 and timeouts are
 * `timeout`, 5xx, refused or reset connections and streams cut short are `server`. Other 4xx (bad request, bad key,
 * no such model) are `fail`: retrying cannot fix them, and `tool` means a `sh` or `http` step of the script.
 */
final class HttpFailures {
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final String label;
    private final ApiKey key;
    private final String keyVariable;
    private final String modelHint;
    private final Clock clock;

    /** {@code label} names the model in messages: "model 'smart' (openai)". */
    HttpFailures(String label, ApiKey key, String keyVariable, String modelHint, Clock clock) {
        this.label = label;
        this.key = key;
        this.keyVariable = keyVariable;
        this.modelHint = modelHint;
        this.clock = clock;
    }

    ProviderException fromStatus(Response response) {
        int code = response.code();
        JsonNode body = errorBody(response);
        String said = providerMessage(response, body);
        Duration retryAfter = RetryAfter.from(response.headers(), clock.instant());
        ErrorKind kind;
        String hint = "";
        if (code == 429 && outOfQuota(body)) {
            kind = ErrorKind.FAIL;
            hint = " (the account is out of quota; waiting will not help)";
            retryAfter = null;
        } else if (code == 429) {
            kind = ErrorKind.RATE_LIMIT;
        } else if (code == 408) {
            kind = ErrorKind.TIMEOUT;
        } else if (code >= 500) {
            kind = ErrorKind.SERVER;
        } else {
            kind = ErrorKind.FAIL;
            if (code == 401 || code == 403) hint = keyVariable != null
                    ? " (check the API key in " + keyVariable + ")" : " (this server wants an API key: set api_key_env)";
            if (code == 404) hint = " (check " + modelHint + ")";
        }
        return failure(kind, "HTTP " + code + ": " + said + hint, retryAfter, null);
    }

    /** OpenAI answers 429 both for "slow down" and for "no credit left"; only the code tells them apart. */
    private static boolean outOfQuota(JsonNode body) {
        JsonNode error = body.path("error");
        return error.path("code").asText("").equals("insufficient_quota")
                || error.path("type").asText("").equals("insufficient_quota");
    }

    ProviderException fromIo(IOException e) {
        if (e instanceof InterruptedIOException) {
            return failure(ErrorKind.TIMEOUT, "no reply in time (" + describe(e) + ")", null, e);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException) {
            return failure(ErrorKind.SERVER, "cannot connect to the server (" + describe(e) + ")", null, e);
        }
        return failure(ErrorKind.SERVER, "the connection failed (" + describe(e) + ")", null, e);
    }

    ProviderException truncated() {
        return failure(ErrorKind.SERVER, "the stream ended before the reply was complete", null, null);
    }

    ProviderException unreadable(String what, Exception cause) {
        return failure(ErrorKind.SERVER, "sent " + what + " that Orch cannot read (" + describe(cause) + ")", null, cause);
    }

    /** An `error` object in a 200 reply or a stream event. */
    ProviderException reportedError(JsonNode event) {
        String type = event.path("error").path("type").asText("");
        String said = Json.errorMessage(event);
        ErrorKind kind = type.contains("rate_limit") ? ErrorKind.RATE_LIMIT
                : type.contains("invalid_request") || type.contains("authentication") || type.contains("permission")
                        ? ErrorKind.FAIL : ErrorKind.SERVER;
        return failure(kind, "the server reported an error: " + (said != null ? said : type), null, null);
    }

    ProviderException badOutput(String message) {
        return failure(ErrorKind.BAD_OUTPUT, message, null, null);
    }

    ProviderException failure(ErrorKind kind, String message, Duration retryAfter, Throwable cause) {
        return new ProviderException(kind, ApiKey.redact(label + ": " + message, key), retryAfter, cause);
    }

    private static String bodyText(Response response) {
        try {
            return response.peekBody(ERROR_BODY_LIMIT).string().strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode errorBody(Response response) {
        try {
            return Json.parse(bodyText(response));
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    private String providerMessage(Response response, JsonNode body) {
        String said = body.isMissingNode() ? null : Json.errorMessage(body);
        if (said == null && body.isMissingNode()) {
            String text = bodyText(response);
            said = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        }
        if (said == null || said.isBlank()) said = response.message().isBlank() ? "no details" : response.message();
        return ApiKey.redact(said, key);
    }

    private String describe(Throwable e) {
        String message = e.getMessage();
        return ApiKey.redact(message == null ? e.getClass().getSimpleName() : message, key);
    }
}

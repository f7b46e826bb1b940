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
 * no such model) are `fail`: retrying cannot fix them, and `tool` means a `sh` or `http` step of the script. An
 * error inside a 200 reply or a stream goes through the same {@link #kindOf}. A reply cut at `max_tokens` is
 * `truncated`, a refusal `refused`.
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
        ErrorKind kind = kindOf(code, body.path("error"));
        String hint = "";
        if (code >= 300 && code < 400) {
            String to = response.header("Location");
            return failure(ErrorKind.FAIL, "HTTP " + code + ": the server redirected the call" + (to == null ? "" : " to " + to)
                    + "; Orch does not follow a provider's redirects (the prompt would go where the script did not say):"
                    + " set base_url to the address the provider really answers at", null, null);
        }
        if (outOfQuota(body.path("error"))) {
            hint = QUOTA_HINT;
            retryAfter = null;
        } else if (kind == ErrorKind.FAIL) {
            if (code == 401 || code == 403) hint = keyVariable != null
                    ? " (check the API key in " + keyVariable + ")" : " (this server wants an API key: set api_key_env)";
            if (code == 404) hint = " (check " + modelHint + ")";
        }
        return failure(kind, "HTTP " + code + ": " + said + hint, retryAfter, null);
    }

    private static final String QUOTA_HINT = " (the account is out of quota; waiting will not help)";

    /**
     * The one classifier of a provider's error, for an HTTP status and for an `error` object inside a 200 reply or
     * a stream (status 0). The error's code and type refine the status: OpenAI answers 429 both for "slow down" and
     * for "no credit left" (`insufficient_quota`), and reports rate limits in a stream as `code: rate_limit_exceeded`
     * with `type: tokens` or `requests`.
     */
    static ErrorKind kindOf(int status, JsonNode error) {
        String code = error.path("code").asText("");
        String type = error.path("type").asText("");
        if (outOfQuota(error)) return ErrorKind.FAIL;
        if (status == 429 || code.contains("rate_limit") || type.contains("rate_limit")
                || type.equals("tokens") || type.equals("requests")) return ErrorKind.RATE_LIMIT;
        if (status == 408) return ErrorKind.TIMEOUT;
        if (status >= 500) return ErrorKind.SERVER;
        if (status >= 400) return ErrorKind.FAIL;
        boolean callersMistake = type.contains("invalid_request") || type.contains("authentication")
                || type.contains("permission") || type.contains("not_found");
        return callersMistake ? ErrorKind.FAIL : ErrorKind.SERVER;
    }

    private static boolean outOfQuota(JsonNode error) {
        return error.path("code").asText("").equals("insufficient_quota")
                || error.path("type").asText("").equals("insufficient_quota");
    }

    ProviderException fromIo(IOException e) {
        if (e instanceof ReplyBody.TooLarge large) return tooLarge(large.limit());
        if (e instanceof InterruptedIOException) {
            return failure(ErrorKind.TIMEOUT, "no reply in time (" + describe(e) + ")", null, e);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException) {
            return failure(ErrorKind.SERVER, "cannot connect to the server (" + describe(e) + ")", null, e);
        }
        return failure(ErrorKind.SERVER, "the connection failed (" + describe(e) + ")", null, e);
    }

    ProviderException streamCutShort() {
        return failure(ErrorKind.SERVER, "the stream ended before the reply was complete", null, null);
    }

    ProviderException unreadable(String what, Exception cause) {
        return failure(ErrorKind.SERVER, "sent " + what + " that Orch cannot read (" + describe(cause) + ")", null, cause);
    }

    /** A 200 reply that lacks what every reply has (choices, content): the server's fault, worth another try. */
    ProviderException incomplete(String what) {
        return failure(ErrorKind.SERVER, "sent " + what, null, null);
    }

    /**
     * A reply over the model's `max_reply_mb`. Not retryable: another attempt would download it again. `fail`, as for
     * the other replies retrying cannot fix.
     */
    ProviderException tooLarge(long limit) {
        return failure(ErrorKind.FAIL, "the reply is larger than " + ReplyBody.TooLarge.megabytes(limit)
                + "; Orch stopped reading it there (raise the model's max_reply_mb if such replies are expected)",
                null, null);
    }

    /** Whether a 200 reply or a stream event carries an error: `"error": null` beside the choices is none. */
    static boolean reportsError(JsonNode body) {
        JsonNode error = body.path("error");
        return error.isObject() || error.isTextual() || body.path("type").asText("").equals("error");
    }

    /** An `error` object in a 200 reply or a stream event, classified as the HTTP path classifies it. */
    ProviderException reportedError(JsonNode event) {
        JsonNode error = event.path("error");
        String said = Json.errorMessage(event);
        String named = error.path("code").isTextual() ? error.path("code").asText() : error.path("type").asText("");
        ErrorKind kind = kindOf(0, error);
        String hint = outOfQuota(error) ? QUOTA_HINT : "";
        return failure(kind, "the server reported an error: " + (said != null ? said : named) + hint, null, null);
    }

    /** The provider stopped at `max_tokens` (OpenAI `length`, Anthropic `max_tokens`). */
    ProviderException cut(String reason, Integer maxTokens, long tokensOut, String text) {
        String shown = text.strip();
        if (shown.length() > 80) shown = shown.substring(0, 80) + "...";
        String limit = maxTokens != null ? "max_tokens (" + maxTokens + ")" : "the server's token limit";
        return failure(ErrorKind.TRUNCATED, "the reply was cut at " + limit + " after " + tokensOut
                + " tokens (the provider said \"" + reason + "\"); raise the agent's max_tokens or ask for less"
                + (shown.isEmpty() ? "" : ". It began: " + shown), null, null);
    }

    /** The model refused; the message carries its refusal text. */
    ProviderException refused(String text) {
        return failure(ErrorKind.REFUSED, "the model refused: " + text, null, null);
    }

    ProviderException badOutput(String message) {
        return failure(ErrorKind.BAD_OUTPUT, message, null, null);
    }

    /** The text with the model's key replaced by its variable's name, as every message is. */
    String redact(String text) {
        return ApiKey.redact(text, key);
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
        if (e == null) return "no details";
        String message = e.getMessage();
        return ApiKey.redact(message == null ? e.getClass().getSimpleName() : message, key);
    }
}

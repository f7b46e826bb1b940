package dev.orch.stdlib.provider.http;

import dev.orch.stdlib.provider.ProviderException;
import java.io.IOException;

/**
 * A `format: "json"` reply checked before it leaves the provider: one JSON value, nothing else. A reply wrapped in a
 * Markdown code fence (models do that even when told not to) is unwrapped; anything else that does not parse is
 * `bad_output`, which `retry` may try again.
 */
final class JsonReply {
    static final String INSTRUCTION = "Reply with a single JSON value and nothing else: no prose, no code fences.";

    private JsonReply() {}

    static String check(String text, HttpFailures failures) throws ProviderException {
        String candidate = unfenced(text.strip());
        try {
            Json.parse(candidate);
            return candidate;
        } catch (IOException e) {
            String shown = text.strip();
            if (shown.length() > 80) shown = shown.substring(0, 80) + "...";
            throw failures.badOutput("the reply was asked to be JSON but does not parse: " + shown);
        }
    }

    private static String unfenced(String text) {
        if (!text.startsWith("```") || !text.endsWith("```") || text.length() < 6) return text;
        int firstLine = text.indexOf('\n');
        if (firstLine < 0) return text;
        return text.substring(firstLine + 1, text.length() - 3).strip();
    }
}

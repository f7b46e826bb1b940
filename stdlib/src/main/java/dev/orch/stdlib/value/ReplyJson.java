package dev.orch.stdlib.value;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.JsonMappers;
import dev.orch.compiler.lang.DataType;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON path for a model's reply, whichever provider gave it (the mock included): the JSON is found in the
 * text (the whole text, the inside of a Markdown code fence, or one value with prose before or after it), parsed
 * strictly (one value, nothing after it), and checked against the type the agent declared. Anything else is one
 * {@link Bad} naming the problem, which callers turn into `bad_output`.
 */
public final class ReplyJson {
    private static final ObjectMapper STRICT = JsonMappers.DATA;
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z0-9_-]*[ \\t]*\\r?\\n(.*?)\\r?\\n?```", Pattern.DOTALL);

    private ReplyJson() {}

    /** Why a reply is not a value of its type. */
    public static final class Bad extends Exception {
        public Bad(String message) {
            super(message, null, false, false);
        }
    }

    /** The reply's value, checked against {@code type} ({@link DataType#ANY} for `format: "json"`). */
    public static Value read(String reply, DataType type) throws Bad {
        String json = extract(reply);
        Value value;
        try {
            value = Values.fromJson(STRICT.readTree(json));
        } catch (JsonProcessingException e) {
            throw new Bad("the reply is not JSON (it starts: \"" + abbreviate(reply) + "\")");
        }
        try {
            return Conformance.conform(value, type);
        } catch (Conformance.Mismatch m) {
            throw new Bad(m.getMessage());
        }
    }

    /**
     * The JSON text in a reply: a fenced block's inside, else the text itself when it parses, else the first JSON
     * object or list that parses from its opening bracket, whatever prose comes before and after it.
     */
    public static String extract(String reply) {
        String text = reply.strip();
        Matcher fence = FENCE.matcher(text);
        if (fence.find()) return fence.group(1).strip();
        if (parses(text)) return text;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '{' && c != '[') continue;
            int end = endOfValue(text, i);
            if (end > 0) return text.substring(i, end);
        }
        return text;
    }

    private static boolean parses(String text) {
        try {
            STRICT.readTree(text);
            return !text.isEmpty();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Where the one JSON value that starts at {@code start} ends, or -1 when none starts there. */
    private static int endOfValue(String text, int start) {
        try (JsonParser p = STRICT.getFactory().createParser(text.substring(start))) {
            JsonNode node = STRICT.readTree(p);
            if (node == null || !(node.isObject() || node.isArray())) return -1;
            return start + (int) p.currentLocation().getCharOffset();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String abbreviate(String s) {
        String one = s.strip().replace('\n', ' ');
        return one.length() <= 60 ? one : one.substring(0, 60) + "...";
    }
}

package dev.orch.interpreter.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.orch.compiler.JsonMappers;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's `--arg` values as the runs table keeps them: one JSON object of texts, in key order. Written and read with
 * the streaming API of the program's mappers' factory, not the mappers themselves: every run writes this row, and a
 * mapper's first use of a map type costs a short process 15-35 ms (docs/startup.md).
 */
final class ArgsJson {
    private ArgsJson() {
    }

    static String write(Map<String, String> args) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonMappers.CANONICAL.getFactory().createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : new TreeMap<>(args).entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("a map of text always serialises", e);
        }
        return out.toString();
    }

    /** The values, or null when the text is not an object of texts. */
    static TreeMap<String, String> read(String json) {
        TreeMap<String, String> args = new TreeMap<>();
        try (JsonParser p = JsonMappers.CANONICAL.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) return null;
                String name = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) return null;
                args.put(name, p.getText());
            }
            return p.nextToken() == null ? args : null;
        } catch (IOException e) {
            return null;
        }
    }
}

package dev.orch.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orch.compiler.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the self-contained HTML pages share: a template from the resources, filled placeholder by placeholder, with
 * data as JSON the page's script reads and text escaped for markup.
 */
final class PageTemplate {
    private PageTemplate() {}

    /** The template {@code name}, beside this class in the resources. */
    static String load(String name) {
        try (InputStream in = PageTemplate.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each placeholder, in the order they stand in the template, replaced once (a reply may contain their text). */
    static String fill(String template, List<Map.Entry<String, String>> parts) {
        StringBuilder out = new StringBuilder(template.length());
        int from = 0;
        for (Map.Entry<String, String> part : parts) {
            int at = template.indexOf(part.getKey(), from);
            if (at < 0) throw new IllegalStateException("the page template lacks " + part.getKey());
            out.append(template, from, at).append(part.getValue());
            from = at + part.getKey().length();
        }
        return out.append(template, from, template.length()).toString();
    }

    /** JSON for a `<script type="application/json">`: no '<' may end the element early, whatever the text holds. */
    static String json(JsonNode data) {
        try {
            return JsonMappers.DATA.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

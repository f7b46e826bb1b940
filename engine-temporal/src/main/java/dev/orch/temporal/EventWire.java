package dev.orch.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.interpreter.events.RunEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * A run event as JSON text: its record's components, and {@code kind}, the record's name. Unlike the `--trace`
 * line it drops nothing, so a renderer on the client gets the event the interpreter emitted in the workflow.
 */
public final class EventWire {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<? extends RunEvent>> KINDS = kinds();

    private EventWire() {}

    public static String write(RunEvent e) {
        ObjectNode o = JSON.createObjectNode().put("kind", e.getClass().getSimpleName());
        o.setAll((ObjectNode) JSON.valueToTree(e));
        return o.toString();
    }

    /** The event {@code text} encodes; null for a kind this version does not know (a newer worker's). */
    public static RunEvent read(String text) {
        try {
            ObjectNode o = (ObjectNode) JSON.readTree(text);
            Class<? extends RunEvent> kind = KINDS.get(o.path("kind").asText());
            if (kind == null) return null;
            o.remove("kind");
            return JSON.treeToValue(o, kind);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Class<? extends RunEvent>> kinds() {
        Map<String, Class<? extends RunEvent>> kinds = new HashMap<>();
        for (Class<?> c : RunEvent.class.getPermittedSubclasses()) {
            if (c.isRecord()) kinds.put(c.getSimpleName(), (Class<? extends RunEvent>) c);
        }
        for (Class<?> c : RunEvent.OfTask.class.getPermittedSubclasses()) kinds.put(c.getSimpleName(), (Class<? extends RunEvent>) c);
        return kinds;
    }
}

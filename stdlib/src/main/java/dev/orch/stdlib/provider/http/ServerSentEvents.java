package dev.orch.stdlib.provider.http;

import dev.orch.stdlib.provider.ProviderException;
import java.io.IOException;
import okio.BufferedSource;

/** A reader for `text/event-stream` bodies (the WHATWG format both APIs stream in): `event:` and `data:` lines. */
final class ServerSentEvents {
    private ServerSentEvents() {}

    @FunctionalInterface
    interface Listener {
        /** Returns true when this event ends the stream (OpenAI's `[DONE]`, Anthropic's `message_stop`). */
        boolean onEvent(String event, String data) throws ProviderException;
    }

    /** Reads events until the listener says the stream is complete (true) or the body ends first (false). */
    static boolean read(BufferedSource source, Listener listener) throws IOException, ProviderException {
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (data != null && listener.onEvent(event == null ? "message" : event, data.toString())) return true;
                event = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) continue;
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(line.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
            switch (field) {
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { }
            }
        }
        return data != null && listener.onEvent(event == null ? "message" : event, data.toString());
    }
}

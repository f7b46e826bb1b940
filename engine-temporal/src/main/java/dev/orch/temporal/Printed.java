package dev.orch.temporal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** What `print` wrote in the workflow, readable from an offset without copying what came before it. */
final class Printed extends ByteArrayOutputStream {
    synchronized String text() {
        return toString(StandardCharsets.UTF_8);
    }

    /** The text from byte {@code from} to {@link #end}. */
    synchronized String since(long from) {
        int start = (int) Math.clamp(from, 0, count);
        return new String(buf, start, end(start) - start, StandardCharsets.UTF_8);
    }

    /** The end of the last whole UTF-8 character at or after {@code start}: a character split by a write waits. */
    synchronized int end(long from) {
        int start = (int) Math.clamp(from, 0, count);
        int back = count - 1;
        while (back >= start && back > count - 4 && (buf[back] & 0xC0) == 0x80) back--;
        if (back < start) return count;
        int lead = buf[back] & 0xFF;
        int length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return back + length > count ? back : count;
    }
}

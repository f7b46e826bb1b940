package dev.orch.temporal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What `print` wrote in the workflow, readable from an offset without copying what came before it.
 *
 * <p>A run that continued as new starts with what the old run printed and prints it again as it replays the plan,
 * its parallel branches perhaps in another order. So each line it writes that the old run had (and this one has not
 * written yet) is already here and is dropped; only new lines are added after the old ones, and a follower at the
 * old run's byte offset reads on from the same place.
 */
final class Printed extends ByteArrayOutputStream {
    private final Map<String, Integer> earlier = new HashMap<>();
    private int earlierLeft;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** Starts from what the run this one continues printed (null: nothing). */
    synchronized void continueFrom(String text) {
        if (text == null || text.isEmpty()) return;
        writeBytes(text.getBytes(StandardCharsets.UTF_8));
        for (String l : text.split("(?<=\n)")) {
            earlier.merge(l, 1, Integer::sum);
            earlierLeft++;
        }
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (earlierLeft == 0 && line.size() == 0) {
            super.write(b, off, len);
            return;
        }
        for (int i = off; i < off + len; i++) {
            line.write(b[i]);
            if (b[i] == '\n') lineEnded();
        }
    }

    private void lineEnded() {
        String l = line.toString(StandardCharsets.UTF_8);
        byte[] bytes = line.toByteArray();
        line.reset();
        Integer left = earlier.get(l);
        if (left != null) {
            if (left == 1) earlier.remove(l);
            else earlier.put(l, left - 1);
            earlierLeft--;
            return;
        }
        super.write(bytes, 0, bytes.length);
    }

    /** Everything printed, with a last line that has no newline yet. */
    synchronized String text() {
        return toString(StandardCharsets.UTF_8) + line.toString(StandardCharsets.UTF_8);
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

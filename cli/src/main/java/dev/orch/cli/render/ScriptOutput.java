package dev.orch.cli.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Where a script's `print` goes: the interpreter writes a PrintStream (UTF-8), a command writes text to its
 * CommandLine's out. The bytes are decoded as they come, a character split across two writes included.
 */
public final class ScriptOutput extends OutputStream {
    private final Writer out;
    private final Runnable beforeWrite;
    private final Object lock;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] carried = new byte[0];

    private ScriptOutput(Writer out, Object lock, Runnable beforeWrite) {
        this.out = out;
        this.lock = lock == null ? this : lock;
        this.beforeWrite = beforeWrite;
    }

    /** A PrintStream for the interpreter that writes to {@code out}, flushing at each line. */
    public static PrintStream onto(Writer out) {
        return new PrintStream(new ScriptOutput(out, null, () -> {}), true, StandardCharsets.UTF_8);
    }

    /**
     * As {@link #onto(Writer)}, running {@code beforeWrite} first each time, and both holding {@code lock}: the live
     * progress steps aside and draws nothing until the text is out.
     */
    static PrintStream onto(Writer out, Object lock, Runnable beforeWrite) {
        return new PrintStream(new ScriptOutput(out, lock, beforeWrite), true, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        synchronized (lock) {
            decodeAndWrite(b, off, len);
        }
    }

    private void decodeAndWrite(byte[] b, int off, int len) {
        ByteBuffer bytes = ByteBuffer.allocate(carried.length + len).put(carried).put(b, off, len).flip();
        CharBuffer chars = CharBuffer.allocate(bytes.remaining());
        decoder.decode(bytes, chars, false);
        carried = new byte[bytes.remaining()];
        bytes.get(carried);
        beforeWrite.run();
        try {
            out.write(chars.array(), 0, chars.position());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

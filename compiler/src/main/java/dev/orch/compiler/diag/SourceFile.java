package dev.orch.compiler.diag;

import dev.orch.compiler.Sha256;
import dev.orch.compiler.test.TestBlocks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A script's text and the name it is reported under. */
public record SourceFile(String path, String text) {
    /** The largest script read: far above any real script, and bounded so `/dev/zero` or a huge file cannot exhaust memory. */
    public static final int MAX_BYTES = 4 << 20;

    /** Reads a regular file of at most {@link #MAX_BYTES}; a device, a pipe or a larger file is an IOException. */
    public static SourceFile read(Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) throw new IOException("not a regular file");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read at most one byte past the limit: the size a file reports (/proc reports 0) is not trusted.
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) throw new IOException("larger than " + (MAX_BYTES >> 20) + " MB, too large for a script");
        // Malformed UTF-8 becomes U+FFFD, which the lexer then reports as an unexpected character.
        String text = new String(bytes, StandardCharsets.UTF_8);
        // A byte-order mark is invisible in an editor; left in, it would shift every column of the first line.
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        // A lone CR (old Mac line endings) is a line break too; left in, the lexer would stop at an invisible character.
        if (text.indexOf('\r') >= 0) text = text.replaceAll("\r(?!\n)", "\n");
        return new SourceFile(file.toString(), text);
    }

    /** The text of a 1-based line, without its line break; empty past the end. */
    public String line(int number) {
        int start = 0;
        for (int i = 1; i < number; i++) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) return "";
            start = nl + 1;
        }
        int end = text.indexOf('\n', start);
        String line = end < 0 ? text.substring(start) : text.substring(start, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * The hash a plan records of its script, over the text with its `test` blocks set aside ({@link TestBlocks}): the
     * plan is made without them, so adding or editing a test makes neither a compiled plan stale nor a resumed run
     * see a changed script.
     */
    public String sha256() {
        return Sha256.hex(TestBlocks.removed(text));
    }
}

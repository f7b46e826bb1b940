package dev.orch.stdlib.provider.http;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * A response body read no further than a limit, whole or as a stream: a hostile or broken server cannot make Orch
 * hold more than the limit in memory. A declared Content-Length over the limit fails before anything is read; a body
 * that grows past it fails as soon as the limit is crossed, with {@link TooLarge}.
 */
public final class ReplyBody {
    /** The limit of a model reply and an `http()` body unless the model sets `max_reply_mb`. */
    public static final int DEFAULT_LIMIT_MB = 16;

    private ReplyBody() {}

    /** Bytes in {@code mb} megabytes (MiB, as the option's docs say). */
    public static long bytes(int mb) {
        return (long) mb << 20;
    }

    /** The body's source, failing with {@link TooLarge} once more than {@code limit} bytes arrive. */
    public static BufferedSource source(ResponseBody body, long limit) throws TooLarge {
        if (body.contentLength() > limit) throw new TooLarge(limit);
        return Okio.buffer(new Counted(body.source(), limit));
    }

    /** The whole body as text (its charset, UTF-8 unless it says otherwise), at most {@code limit} bytes of it. */
    public static String text(ResponseBody body, long limit) throws IOException {
        BufferedSource source = source(body, limit);
        MediaType type = body.contentType();
        return type == null || type.charset() == null ? source.readUtf8() : source.readString(type.charset());
    }

    /** The body was longer than the limit; retrying would download it again, so the error is not retryable. */
    public static final class TooLarge extends IOException {
        private final long limit;

        TooLarge(long limit) {
            super("the body is larger than " + megabytes(limit));
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }

        /** "16 MB", or bytes below one MB. */
        public static String megabytes(long bytes) {
            return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " bytes";
        }
    }

    private static final class Counted extends ForwardingSource {
        private final long limit;
        private long read;

        Counted(Source delegate, long limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            long n = super.read(sink, byteCount);
            if (n > 0) {
                read += n;
                if (read > limit) throw new TooLarge(limit);
            }
            return n;
        }
    }
}

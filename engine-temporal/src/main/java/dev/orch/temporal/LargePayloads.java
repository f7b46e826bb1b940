package dev.orch.temporal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The claim-check pattern as a Temporal payload codec: a payload larger than the threshold (a 3 MB reply, the
 * `read()` of a big file, a prompt that carries either) is kept in the {@link BlobStore} and the history holds a
 * small payload naming it by sha256. Temporal caps a payload at 2 MB and a history at 50 MB; with this codec a run's
 * history grows by a reference per large value. The client and every worker of a task queue use the same converter
 * over the same store.
 */
public final class LargePayloads implements PayloadCodec {
    /** Payloads above this many bytes travel by reference. */
    public static final int THRESHOLD = 256 * 1024;
    static final String ENCODING = "orch/blob-sha256";
    private static final ByteString ENCODING_BYTES = ByteString.copyFrom(ENCODING, StandardCharsets.UTF_8);

    private final BlobStore store;
    private final int threshold;

    public LargePayloads(BlobStore store, int threshold) {
        this.store = store;
        this.threshold = threshold;
    }

    /** Temporal's default converter with large payloads kept in {@code store}. */
    public static DataConverter converter(BlobStore store) {
        return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(new LargePayloads(store, THRESHOLD)));
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        return payloads.stream().map(this::encode).toList();
    }

    private Payload encode(Payload p) {
        if (p.getSerializedSize() <= threshold) return p;
        String sha = store.put(p.toByteArray());
        return Payload.newBuilder()
                .putMetadata("encoding", ENCODING_BYTES)
                .putMetadata("size", ByteString.copyFromUtf8(Integer.toString(p.getSerializedSize())))
                .setData(ByteString.copyFromUtf8(sha))
                .build();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads.stream().map(this::decode).toList();
    }

    private Payload decode(Payload p) {
        if (!ENCODING_BYTES.equals(p.getMetadataOrDefault("encoding", ByteString.EMPTY))) return p;
        try {
            return Payload.parseFrom(store.get(p.getData().toStringUtf8()));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new PayloadCodecException(e.getMessage(), e);
        }
    }
}

package dev.orch.interpreter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reply cache's key: sha256 of everything that shapes a reply (provider, model, system prompt, prompt and the
 * request options such as temperature, max_tokens and format). Each part is length-prefixed so no two different
 * requests can run together into the same bytes, and options are written as JSON with sorted keys so their order
 * does not matter.
 */
public final class CacheKey {
    private static final ObjectMapper CANONICAL = JsonMappers.CANONICAL;

    private CacheKey() {}

    public static String of(String provider, String model, String system, String prompt, Map<String, ?> options) {
        MessageDigest sha = sha256();
        for (String part : new String[] {provider, model, system, prompt, canonicalJson(options)}) {
            byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
            sha.update((part == null ? "-" : Integer.toString(bytes.length)).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** JSON with sorted keys: the same map always gives the same text. */
    public static String canonicalJson(Map<String, ?> options) {
        try {
            return CANONICAL.writeValueAsString(new TreeMap<>(options == null ? Map.of() : options));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request options must be plain JSON values: " + e.getOriginalMessage(), e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

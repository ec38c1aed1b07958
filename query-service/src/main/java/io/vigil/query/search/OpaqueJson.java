package io.vigil.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Small JSON that clients carry back as opaque text (a page cursor, a stream's event id):
 * base64url without padding. Read before any other check, so it is bounded and never throws.
 */
public final class OpaqueJson {
    /** Far above any sort key we write; anything longer is not ours. */
    static final int MAX_LENGTH = 2048;

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpaqueJson() {}

    public static String encode(JsonNode node) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON of {@code text}; null when it is empty, too long, not base64url or not JSON. */
    public static JsonNode decodeOrNull(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }
}

package io.vigil.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vigil.query.params.BadParameterException;
import io.vigil.query.search.SortSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The SSE event id: the sort values of the event's document (base64url JSON), so a client that
 * reconnects with {@code Last-Event-ID} resumes right after the last document it received.
 */
public final class StreamPositions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 2048;

    private StreamPositions() {}

    public static String encode(List<Object> values) {
        ArrayNode array = JSON.createArrayNode();
        for (Object v : values) {
            if (v instanceof Long l) {
                array.add(l);
            } else {
                array.add(String.valueOf(v));
            }
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(array.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws BadParameterException ({@code Last-Event-ID}) when the text is no position of this stream */
    public static List<Object> decode(String text, SortSpec sort) {
        List<Object> values = null;
        if (!text.isEmpty() && text.length() <= MAX_LENGTH) {
            try {
                JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(text));
                values = node == null ? null : sort.valuesOrNull(node);
            } catch (IllegalArgumentException | IOException e) {
                values = null;
            }
        }
        if (values == null) {
            throw new BadParameterException("Last-Event-ID", "is not an event id of this stream");
        }
        return values;
    }
}

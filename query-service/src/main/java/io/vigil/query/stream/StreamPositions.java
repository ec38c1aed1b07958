package io.vigil.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vigil.query.params.BadParameterException;
import io.vigil.query.search.OpaqueJson;
import io.vigil.query.search.SortSpec;
import java.util.List;

/**
 * The SSE event id: the sort values of the event's document (base64url JSON), so a client that
 * reconnects with {@code Last-Event-ID} resumes right after the last document it received.
 */
public final class StreamPositions {
    private StreamPositions() {}

    public static String encode(List<Object> values) {
        return OpaqueJson.encode(SortSpec.addValues(JsonNodeFactory.instance.arrayNode(), values));
    }

    /** @throws BadParameterException ({@code Last-Event-ID}) when the text is no position of this stream */
    public static List<Object> decode(String text, SortSpec sort) {
        JsonNode node = OpaqueJson.decodeOrNull(text);
        List<Object> values = node == null ? null : sort.valuesOrNull(node);
        if (values == null) {
            throw new BadParameterException("Last-Event-ID", "is not an event id of this stream");
        }
        return values;
    }
}

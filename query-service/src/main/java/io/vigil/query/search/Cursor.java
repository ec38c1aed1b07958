package io.vigil.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.query.params.BadParameterException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code next} / {@code after} value: where the previous page ended (its last sort values,
 * used as Elasticsearch's {@code search_after}), the number of the page it leads to, and a
 * fingerprint of the filters it belongs to. Opaque to callers (base64url of a small JSON);
 * decoded strictly, since it comes back from them: only numbers and short strings of the sort's
 * own shape reach Elasticsearch.
 */
public record Cursor(int page, List<Object> values, String fingerprint) {
    public String encode() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("p", page);
        node.put("f", fingerprint);
        SortSpec.addValues(node.putArray("s"), values);
        return OpaqueJson.encode(node);
    }

    /**
     * @param parameter the parameter's name, for the 400
     * @throws BadParameterException when the text is no cursor of this sort and these filters
     */
    public static Cursor decode(String parameter, String text, SortSpec sort, String fingerprint) {
        JsonNode node = OpaqueJson.decodeOrNull(text);
        if (node == null
                || !node.isObject()
                || !node.path("p").canConvertToInt()
                || !node.path("p").isIntegralNumber()
                || !node.path("f").isTextual()) {
            throw bad(parameter);
        }
        List<Object> values = sort.valuesOrNull(node.path("s"));
        int page = node.path("p").asInt();
        if (values == null || page < 2) {
            throw bad(parameter);
        }
        if (!node.path("f").asText().equals(fingerprint)) {
            throw new BadParameterException(
                    parameter,
                    "belongs to a query with other filters; "
                            + "send the same filters as for the page that gave it, or start again without it");
        }
        return new Cursor(page, values, fingerprint);
    }

    /** A short digest of a query, so that a cursor is only used with the filters it came from. */
    public static String fingerprint(JsonNode query) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(query.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static BadParameterException bad(String parameter) {
        return new BadParameterException(
                parameter, "is not a cursor of this list; use the 'next' value of a previous page");
    }
}

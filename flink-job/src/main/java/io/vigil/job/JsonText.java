package io.vigil.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;

/**
 * Raw JSON kept as text ({@code extra}) after something edited it: a redaction can cut through an
 * escape sequence, and a document whose raw JSON is broken would be refused by Elasticsearch (and
 * the event lost). Such text is kept as one JSON string instead.
 */
final class JsonText {
    /** Duplicate keys count as broken: Elasticsearch refuses them (a redaction can join two objects). */
    private static final JsonFactory FACTORY = new JsonFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonText() {}

    static String validOrQuoted(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            parser.skipChildren();
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
            return json;
        } catch (IOException e) {
            return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(json)) + "\"";
        }
    }
}

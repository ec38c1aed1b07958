package io.vigil.common;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The one way the job writes a stored document (log, dead letter, rollup, alert): a JSON object
 * streamed straight to bytes, no tree or map in between, since every event pays for it. The
 * generator carries an {@link ObjectMapper} as codec, so a field may still hold a map or list
 * ({@code writeObjectField}) where a document has one.
 */
public final class JsonDocuments {
    private static final JsonFactory FACTORY = new ObjectMapper().getFactory();

    private JsonDocuments() {}

    /** The fields of one document, written between the object's braces. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * One document as UTF-8 bytes.
     *
     * @param sizeHint the buffer's first size: about what a typical document takes
     */
    public static byte[] object(int sizeHint, Body body) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator g = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            // a ByteArrayOutputStream does not fail; a generator refuses only a defect (a field
            // name where a value belongs), never a value
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** A field holding an array of strings. */
    public static void writeStrings(JsonGenerator g, String field, Iterable<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    /**
     * An instant the way every stored document holds one: ISO-8601 in UTC with as many fraction
     * digits as it needs ({@link Instant#toString()}), the shape the templates parse first ({@link
     * IndexTemplates#LOG_DATES}).
     */
    public static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** A field holding an instant, as {@link #time} writes it. */
    public static void writeTime(JsonGenerator g, String field, long epochMillis) throws IOException {
        g.writeStringField(field, time(epochMillis));
    }
}

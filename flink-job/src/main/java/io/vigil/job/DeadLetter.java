package io.vigil.job;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A rejected record: why, where it came from, and its raw bytes (base64 when not UTF-8). */
public class DeadLetter {
    /** Raw bytes kept per dead letter; a 5 MB record keeps its head and says so. */
    static final int MAX_RAW_BYTES = 64 * 1024;

    public String id;
    public String reason;
    public String topic;
    public int partition;
    public long offset;
    public long timestamp;
    public String raw;
    /** {@code utf-8} or {@code base64}; {@code +truncated} when the raw bytes were cut. */
    public String rawEncoding;

    public DeadLetter() {
    }

    public static DeadLetter of(RawRecord record, String reason, long now) {
        DeadLetter letter = new DeadLetter();
        letter.id = record.documentId();
        letter.reason = reason;
        letter.topic = record.topic;
        letter.partition = record.partition;
        letter.offset = record.offset;
        letter.timestamp = now;
        byte[] bytes = record.value;
        boolean truncated = bytes.length > MAX_RAW_BYTES;
        if (truncated) {
            bytes = java.util.Arrays.copyOf(bytes, MAX_RAW_BYTES);
        }
        String text = strictUtf8(bytes);
        if (text != null) {
            letter.raw = text;
            letter.rawEncoding = "utf-8";
        } else {
            letter.raw = Base64.getEncoder().encodeToString(bytes);
            letter.rawEncoding = "base64";
        }
        if (truncated) {
            letter.rawEncoding += "+truncated";
        }
        return letter;
    }

    /**
     * Passes the reason and the raw record through a redactor (secret patterns). Raw bytes that
     * are not UTF-8 (kept as base64) are scanned as Latin-1, one character per byte, so a secret
     * written in ASCII is found amid any other bytes; a marker replaces it and the rest of the
     * bytes stay as they were. (Secrets in multi-byte encodings such as UTF-16 are not found.)
     */
    public void redact(java.util.function.UnaryOperator<String> redactor) {
        reason = redactor.apply(reason);
        if (rawEncoding.startsWith("utf-8")) {
            raw = redactor.apply(raw);
            return;
        }
        String bytes = new String(Base64.getDecoder().decode(raw), StandardCharsets.ISO_8859_1);
        String redacted = redactor.apply(bytes);
        if (!redacted.equals(bytes)) {
            raw = Base64.getEncoder().encodeToString(redacted.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** The text when the bytes are valid UTF-8, else null. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

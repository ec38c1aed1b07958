package io.vigil.common;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A record Vigil did not store as a document (docs/schema.md, "Dead letters"): the stage that
 * gave up, why, where the record came from and what it held. Every stage that touches record
 * content turns a failure into one of these instead of failing the job (issue 16): any unchecked
 * exception, and a stack overflow (deeply nested input), is the record's, not the job's; other
 * errors (out of memory, linkage) still fail the job, as do unreachable Kafka or Elasticsearch.
 */
public class DeadLetter {
    /** Raw bytes kept per dead letter; a 5 MB record keeps its head and says so. */
    public static final int MAX_RAW_BYTES = 64 * 1024;
    /** A reason longer than this is cut: reasons quote record text, and the field is a keyword. */
    public static final int MAX_REASON_CHARS = 1000;

    /** {@code raw} is the record's bytes as UTF-8 text. */
    public static final String UTF_8 = "utf-8";
    /** {@code raw} is the record's bytes in base64 (they were not valid UTF-8). */
    public static final String BASE64 = "base64";
    /**
     * {@code raw} is the event's message: the stage worked on a parsed event, whose bytes are no
     * longer at hand ({@code topic}, {@code partition} and {@code offset} still find them in Kafka).
     */
    public static final String MESSAGE = "message";
    /** {@code raw} is the document Elasticsearch refused, as it was sent. */
    public static final String DOCUMENT = "document";
    /** {@code raw} is empty: it could not be made safe to store (its secrets could not be redacted). */
    public static final String WITHHELD = "withheld";
    /** Appended to the encoding when the raw bytes were cut at {@link #MAX_RAW_BYTES}. */
    public static final String TRUNCATED = "+truncated";

    /**
     * The Flink metric counting dead letters of unexpected failures, per stage: the group
     * {@code vigil}, the label {@code stage} (a {@link Stage#wireName()}), the counter
     * {@code records.failed} ({@code vigil_records_failed{stage="parse"}} in Prometheus).
     * Expected rejections (bad JSON, impossible times ...) count as {@code vigil.records.rejected}.
     */
    public static final String METRIC_GROUP = "vigil";

    public static final String METRIC_STAGE_LABEL = "stage";
    public static final String METRIC_FAILED = "records.failed";

    /** The stages of the job that can dead-letter a record; {@code stage} holds {@link #wireName()}. */
    public enum Stage {
        /** Reading the record into an event (JSON, syslog, auditd, text); also the source's event time. */
        PARSE("parse"),
        /** Redacting secrets out of the event's texts. */
        REDACT("redact"),
        /** Asset and threat-intel enrichment; the event is stored without it. */
        ENRICH("enrich"),
        /** A detection rule's conditions; the event is stored without that rule's verdict. */
        DETECT("detect-rules"),
        /** Encrypting the protected fields; the event is not stored in clear. */
        ENCRYPT("encrypt"),
        /** Writing the document (JSON) for Elasticsearch. */
        RENDER("render"),
        /** Elasticsearch refused the document for good (its reason is the dead letter's). */
        INDEX("index");

        private final String wireName;

        Stage(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public String id;
    public String stage;
    public String reason;
    public String topic;
    public int partition;
    public long offset;
    public long timestamp;
    public String raw;
    /** One of the encodings above; {@code +truncated} when the raw bytes were cut. */
    public String rawEncoding;

    public DeadLetter() {}

    /** A dead letter holding the record's own bytes: text when they are UTF-8, else base64. */
    public static DeadLetter ofRecord(
            String id, String topic, int partition, long offset, byte[] bytes, Stage stage, String reason, long now) {
        DeadLetter letter = origin(id, topic, partition, offset, stage, reason, now);
        boolean truncated = bytes.length > MAX_RAW_BYTES;
        if (truncated) {
            bytes = Arrays.copyOf(bytes, MAX_RAW_BYTES);
        }
        String text = strictUtf8(bytes);
        if (text != null) {
            letter.raw = text;
            letter.rawEncoding = UTF_8;
        } else {
            letter.raw = Base64.getEncoder().encodeToString(bytes);
            letter.rawEncoding = BASE64;
        }
        if (truncated) {
            letter.rawEncoding += TRUNCATED;
        }
        return letter;
    }

    /** A dead letter for a parsed event: its origin, and its message for raw (see {@link #MESSAGE}). */
    public static DeadLetter ofEvent(LogEvent event, Stage stage, String reason, long now) {
        DeadLetter letter = origin(event.id, event.topic, event.partition, event.offset, stage, reason, now);
        String message = event.message == null ? "" : event.message;
        letter.raw = message.length() > MAX_RAW_BYTES ? message.substring(0, MAX_RAW_BYTES) : message;
        letter.rawEncoding = message.length() > MAX_RAW_BYTES ? MESSAGE + TRUNCATED : MESSAGE;
        return letter;
    }

    /** A dead letter with what is known of where the record came from, and no raw content yet. */
    public static DeadLetter origin(
            String id, String topic, int partition, long offset, Stage stage, String reason, long now) {
        DeadLetter letter = new DeadLetter();
        letter.id = id;
        letter.stage = stage.wireName();
        letter.reason = reason == null
                ? ""
                : reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS - 3) + "..." : reason;
        letter.topic = topic;
        letter.partition = partition;
        letter.offset = offset;
        letter.timestamp = now;
        letter.raw = "";
        letter.rawEncoding = WITHHELD;
        return letter;
    }

    /**
     * The reason for a failure nobody expected (a defect, not bad input): the exception and where
     * it was thrown, so the dead letter alone is enough to find the code to fix.
     */
    public static String unexpected(Throwable failure) {
        StringBuilder reason =
                new StringBuilder("unexpected ").append(failure.getClass().getSimpleName());
        if (failure.getMessage() != null) {
            String message = failure.getMessage();
            reason.append(": ").append(message.length() > 200 ? message.substring(0, 197) + "..." : message);
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("io.vigil.")) {
                reason.append(" at ")
                        .append(
                                frame.getClassName(),
                                frame.getClassName().lastIndexOf('.') + 1,
                                frame.getClassName().length())
                        .append('.')
                        .append(frame.getMethodName())
                        .append(':')
                        .append(frame.getLineNumber());
                break;
            }
        }
        return reason.toString();
    }

    /**
     * Passes the reason and the raw record through a redactor (secret patterns). Raw bytes that
     * are not UTF-8 (kept as base64) are scanned as Latin-1, one character per byte, so a secret
     * written in ASCII is found amid any other bytes; a marker replaces it and the rest of the
     * bytes stay as they were. (Secrets in multi-byte encodings such as UTF-16 are not found.)
     */
    public void redact(java.util.function.UnaryOperator<String> redactor) {
        reason = redactor.apply(reason);
        if (rawEncoding.startsWith(UTF_8) || rawEncoding.startsWith(MESSAGE)) {
            raw = redactor.apply(raw);
        } else if (rawEncoding.startsWith(BASE64)) {
            String bytes = new String(Base64.getDecoder().decode(raw), StandardCharsets.ISO_8859_1);
            String redacted = redactor.apply(bytes);
            if (!redacted.equals(bytes)) {
                raw = Base64.getEncoder().encodeToString(redacted.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }

    /**
     * The text when the bytes are valid UTF-8, else null. Most log lines are ASCII: those skip the
     * strict decoder, whose creation per record showed at 2.5 % of the parse task (JFR of JobCost).
     */
    public static String strictUtf8(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

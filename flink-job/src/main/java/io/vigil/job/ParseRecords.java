package io.vigil.job;

import io.vigil.common.DeadLetter;
import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.KeyedHash;
import io.vigil.job.protect.KeysSource;
import io.vigil.job.protect.SecretPattern;
import io.vigil.job.protect.SecretRedactor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses every raw record; rejected ones leave through {@link DeadLetters#TAG} with their reason
 * and are counted ({@code vigil.records.rejected}), so bad input never stops the job. A record
 * that makes the parser or the redactor fail unexpectedly is a dead letter too, counted as
 * {@code vigil.records.failed{stage=parse|redact}}.
 *
 * <p>Secrets are redacted here, in both outputs ({@link SecretRedactor}): the first moment a record
 * is text, so no later operator, state, checkpoint or index ever holds them. That is the message,
 * every text field, every text element of a list field (an argv), and a dead letter's reason and
 * raw bytes, binary ones too ({@link DeadLetter#redact}).
 */
public class ParseRecords extends ProcessFunction<RawRecord, LogEvent> {
    private final int maxRecordBytes;
    private final String syslogZone;
    private final List<SecretPattern> secretPatterns;
    private final KeysSource keysSource;
    private transient RecordParser parser;
    private transient SecretRedactor redactor;
    private transient Counter parsed;
    private transient Counter rejected;
    private transient Counter parseFailed;
    private transient Counter redactFailed;

    public ParseRecords(
            int maxRecordBytes,
            java.time.ZoneId syslogZone,
            List<SecretPattern> secretPatterns,
            KeysSource keysSource) {
        this.maxRecordBytes = maxRecordBytes;
        this.syslogZone = syslogZone.getId();
        this.secretPatterns = List.copyOf(secretPatterns);
        this.keysSource = keysSource;
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        parser = newParser(maxRecordBytes, java.time.ZoneId.of(syslogZone));
        Optional<FieldKeys> keys = keysSource.load();
        redactor = new SecretRedactor(secretPatterns, keys.map(KeyedHash::new).orElse(null));
        parsed = getRuntimeContext().getMetricGroup().addGroup("vigil").counter("records.parsed");
        rejected = getRuntimeContext().getMetricGroup().addGroup("vigil").counter("records.rejected");
        parseFailed = FailedRecords.counter(getRuntimeContext().getMetricGroup(), DeadLetter.Stage.PARSE);
        redactFailed = FailedRecords.counter(getRuntimeContext().getMetricGroup(), DeadLetter.Stage.REDACT);
    }

    /** The parser of records that did not come parsed from the source (a test gives a failing one). */
    RecordParser newParser(int maxRecordBytes, java.time.ZoneId syslogZone) {
        return new RecordParser(maxRecordBytes, syslogZone);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<LogEvent> out) {
        long now = System.currentTimeMillis();
        LogEvent event;
        try {
            event = parsed(record, now);
        } catch (RejectedRecordException e) {
            (e.isUnexpected() ? parseFailed : rejected).inc();
            ctx.output(DeadLetters.TAG, redacted(record.deadLetter(DeadLetter.Stage.PARSE, e.getMessage(), now)));
            return;
        }
        if (record.fieldsFailure != null) {
            parseFailed.inc();
            ctx.output(DeadLetters.TAG, redacted(record.deadLetter(DeadLetter.Stage.PARSE, record.fieldsFailure, now)));
        }
        try {
            redact(event);
        } catch (RuntimeException | StackOverflowError e) {
            // Not stored: its texts may still hold the secrets the redactor failed on.
            redactFailed.inc();
            ctx.output(
                    DeadLetters.TAG,
                    redacted(record.deadLetter(DeadLetter.Stage.REDACT, DeadLetter.unexpected(e), now)));
            return;
        }
        out.collect(event);
        parsed.inc();
    }

    /** The source's parse of the record when it made one ({@link EventTimeAtSource}), else a new one. */
    private LogEvent parsed(RawRecord record, long now) throws RejectedRecordException {
        if (record.rejection != null) {
            throw record.rejection;
        }
        return record.parsed != null ? record.parsed : parser.parseOrReject(record, now);
    }

    /**
     * The dead letter with the secrets of its reason and raw bytes redacted (binary ones too, see
     * {@link DeadLetter#redact}), or its raw bytes withheld when the redactor fails on them: a dead
     * letter never stores a secret.
     */
    private DeadLetter redacted(DeadLetter letter) {
        try {
            letter.redact(redactor::redact);
        } catch (RuntimeException | StackOverflowError e) {
            letter.raw = "";
            letter.rawEncoding = DeadLetter.WITHHELD;
        }
        return letter;
    }

    /**
     * The message and every text field, the texts in list fields (argv) and the raw JSON of
     * unknown fields ({@code extra}) included.
     */
    private LogEvent redact(LogEvent event) {
        event.message = redactor.redact(event.message);
        for (Map.Entry<String, Object> field : event.fields.entrySet()) {
            if (field.getValue() instanceof String text) {
                field.setValue(redactField(redactor, field.getKey(), text));
            } else if (field.getValue() instanceof List<?> list) {
                field.setValue(redactEach(list));
            }
        }
        return event;
    }

    /**
     * A text field with its secrets redacted. The raw JSON of unknown fields ({@code extra}) stays
     * valid JSON: a redaction can cut through its structure (a private key runs to the end of the
     * text), and then the text is kept as one JSON string ({@link JsonText}).
     */
    static String redactField(SecretRedactor redactor, String field, String text) {
        String redacted = redactor.redact(text);
        return redacted != text && Fields.EXTRA.equals(field) ? JsonText.validOrQuoted(redacted) : redacted;
    }

    private List<?> redactEach(List<?> list) {
        List<Object> out = null;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String text) {
                String redacted = redactor.redact(text);
                if (redacted != text) {
                    if (out == null) {
                        out = new java.util.ArrayList<>(list);
                    }
                    out.set(i, redacted);
                }
            }
        }
        return out == null ? list : out;
    }
}

package io.vigil.job;

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
import org.apache.flink.util.OutputTag;

/**
 * Parses every raw record; rejected ones leave through {@link #DEAD_LETTERS} with their reason
 * and are counted ({@code vigil.records.rejected}), so bad input never stops the job.
 *
 * <p>Secrets are redacted here, in both outputs ({@link SecretRedactor}): the first moment a record
 * is text, so no later operator, state, checkpoint or index ever holds them. That is the message,
 * every text field, every text element of a list field (an argv), and a dead letter's reason and
 * raw bytes, binary ones too ({@link DeadLetter#redact}).
 */
public class ParseRecords extends ProcessFunction<RawRecord, LogEvent> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {
    };

    private final int maxRecordBytes;
    private final String syslogZone;
    private final List<SecretPattern> secretPatterns;
    private final KeysSource keysSource;
    private transient RecordParser parser;
    private transient SecretRedactor redactor;
    private transient Counter parsed;
    private transient Counter rejected;

    public ParseRecords(int maxRecordBytes, java.time.ZoneId syslogZone, List<SecretPattern> secretPatterns,
                        KeysSource keysSource) {
        this.maxRecordBytes = maxRecordBytes;
        this.syslogZone = syslogZone.getId();
        this.secretPatterns = List.copyOf(secretPatterns);
        this.keysSource = keysSource;
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        parser = new RecordParser(maxRecordBytes, java.time.ZoneId.of(syslogZone));
        Optional<FieldKeys> keys = keysSource.load();
        redactor = new SecretRedactor(secretPatterns, keys.map(KeyedHash::new).orElse(null));
        parsed = getRuntimeContext().getMetricGroup().addGroup("vigil").counter("records.parsed");
        rejected = getRuntimeContext().getMetricGroup().addGroup("vigil").counter("records.rejected");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<LogEvent> out) {
        long now = System.currentTimeMillis();
        try {
            out.collect(redact(parsed(record, now)));
            parsed.inc();
        } catch (RejectedRecordException e) {
            rejected.inc();
            DeadLetter letter = DeadLetter.of(record, e.getMessage(), now);
            letter.redact(redactor::redact);
            ctx.output(DEAD_LETTERS, letter);
        }
    }

    /** The source's parse of the record when it made one ({@link EventTimeAtSource}), else a new one. */
    private LogEvent parsed(RawRecord record, long now) throws RejectedRecordException {
        if (record.rejection != null) {
            throw record.rejection;
        }
        return record.parsed != null ? record.parsed : parser.parse(record, now);
    }

    /** The message and every text field, the raw JSON of unknown fields ({@code extra}) included. */
    private LogEvent redact(LogEvent event) {
        event.message = redactor.redact(event.message);
        for (Map.Entry<String, Object> field : event.fields.entrySet()) {
            if (field.getValue() instanceof String text) {
                String redacted = redactor.redact(text);
                if (redacted != text && Fields.EXTRA.equals(field.getKey())) {
                    redacted = JsonText.validOrQuoted(redacted);
                }
                field.setValue(redacted);
            } else if (field.getValue() instanceof List<?> list) {
                field.setValue(redactElements(list));
            }
        }
        return event;
    }

    /** A list field (process.args, auditd.args: an argv) with each text element redacted. */
    private List<Object> redactElements(List<?> list) {
        List<Object> out = new java.util.ArrayList<>(list.size());
        for (Object element : list) {
            out.add(element instanceof String text ? redactor.redact(text) : element);
        }
        return out;
    }
}

package io.vigil.job.parse;

import io.vigil.common.LogEvent;
import io.vigil.job.RawRecord;
import io.vigil.job.RecordParser;
import io.vigil.job.RejectedRecordException;

/**
 * One shape of text line a record can hold: a syslog header, an audit.log record, ... .
 * {@link RecordParser} tries the formats of {@link LineFormats#defaults} in their order on every
 * record that is not a JSON object, and the first that recognises the line reads it; the last one
 * ({@link PlainLineFormat}) takes any line, so no text is dropped.
 *
 * <p>A format is called on every text record the formats before it did not take, so it decides
 * "not mine" cheaply (a prefix or a character before any regular expression), reads in time
 * linear in the line, and throws nothing on the line's text but {@link RejectedRecordException}
 * (anything else is a defect: {@link RecordParser#parseOrReject} dead-letters the record and
 * counts it apart). One instance serves every record of a parser: keep no per-record state.
 *
 * <p>Adding one: write the class here, add it to {@link LineFormats#defaults}, add lines and the
 * fields they must yield to the corpus (corpus/syslog.yml, which the hostile-record generators
 * mutate too); docs/architecture.md, "How to add", has an example.
 */
public interface LineFormat {
    /**
     * Reads {@code line} into {@code event} and returns true when the line is of this format;
     * returns false, having changed nothing, when it is not (the next format is asked).
     *
     * <p>Set the event's time with {@link RecordParser#statedTime} (the line's own time, range
     * checked) or {@link RecordParser#receivedTime} (the line has none), and its {@code host}
     * ({@link RecordParser#UNKNOWN_HOST} when the line names none), {@code severity},
     * {@code message} and {@code fields}; {@code id}, the Kafka origin and {@code kind}
     * ({@code event}) are set already. {@link SecurityFields} reads the ECS fields of a message
     * of a known program.
     *
     * @param line the record's text, stripped of surrounding white space, never empty
     * @param record the record: its {@link RawRecord#kafkaTimestamp}, and where fields not read
     *               are noted ({@link RawRecord#fieldsNotRead})
     * @throws RejectedRecordException the line is this format's but cannot be stored (its time is
     *         out of range); the message is the dead-letter reason
     */
    boolean read(String line, RawRecord record, LogEvent event) throws RejectedRecordException;
}

package io.vigil.job;

import io.vigil.common.DeadLetter;
import io.vigil.common.DocumentIds;

/**
 * One Kafka record exactly as it arrived: where it came from and its undecoded bytes. Parsing
 * happens in {@link ParseRecords}, so that a record that cannot be parsed still reaches the
 * dead-letter index with its origin instead of failing the source.
 */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;
    /** The Kafka record timestamp (producer or log-append time), epoch millis. */
    public long kafkaTimestamp;

    public byte[] value;
    /**
     * What {@link EventTimeAtSource} parsed (or why it rejected the record), for
     * {@link ParseRecords} behind it. Transient: not part of the serialized record; a record that
     * crossed the network is parsed again.
     */
    transient io.vigil.common.LogEvent parsed;

    transient RejectedRecordException rejection;
    /**
     * Why the parse left out fields it should have read (a failing security-message pattern), or
     * null: the event is stored without them and a dead letter says why (see ParseRecords).
     */
    transient String fieldsFailure;

    public RawRecord() {}

    public RawRecord(String topic, int partition, long offset, long kafkaTimestamp, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.kafkaTimestamp = kafkaTimestamp;
        this.value = value;
    }

    /**
     * Notes that the parse left out fields it should have read, and why ({@code fieldsFailure}):
     * what a {@link io.vigil.job.parse.LineFormat} calls when its field patterns fail.
     */
    public void fieldsNotRead(String reason) {
        fieldsFailure = reason;
    }

    /** The deterministic document id ({@link DocumentIds}): a replayed record overwrites itself. */
    public String documentId() {
        return DocumentIds.of(topic, partition, offset);
    }

    /** This record as a dead letter of {@code stage}, its bytes as they arrived (unredacted). */
    public DeadLetter deadLetter(DeadLetter.Stage stage, String reason, long now) {
        return DeadLetter.ofRecord(documentId(), topic, partition, offset, value, stage, reason, now);
    }
}

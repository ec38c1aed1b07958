package io.vigil.job;

import io.vigil.common.DeadLetter;

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

    /**
     * The deterministic document id: a replayed record overwrites itself, never duplicates. It is
     * the record's Kafka timestamp as {@value #TIME_DIGITS} hex digits, then {@code
     * topic-partition-offset}, which alone makes it unique.
     *
     * <p>The time comes first so that ids grow as records arrive. Elasticsearch looks every id it
     * indexes up in each segment of the index, and rejects an id beyond a segment's largest with
     * two comparisons instead of a search of the segment's terms: with ids that start with the
     * topic, every segment held ids on both sides of a new one (issue 18: 42-48 µs of
     * Elasticsearch CPU per document of the bench, 37 with the time first). A producer's odd
     * timestamp costs only that speed; times before 1970 or past the year 2527 are clamped.
     */
    public String documentId() {
        StringBuilder id = new StringBuilder(TIME_DIGITS + topic.length() + 24);
        long time = Math.max(0, Math.min(kafkaTimestamp, MAX_TIME));
        for (int shift = 4 * (TIME_DIGITS - 1); shift >= 0; shift -= 4) {
            id.append(Character.forDigit((int) (time >>> shift) & 0xf, 16));
        }
        return id.append('-')
                .append(topic)
                .append('-')
                .append(partition)
                .append('-')
                .append(offset)
                .toString();
    }

    private static final int TIME_DIGITS = 11;
    private static final long MAX_TIME = (1L << (4 * TIME_DIGITS)) - 1;

    /** This record as a dead letter of {@code stage}, its bytes as they arrived (unredacted). */
    public DeadLetter deadLetter(DeadLetter.Stage stage, String reason, long now) {
        return DeadLetter.ofRecord(documentId(), topic, partition, offset, value, stage, reason, now);
    }
}

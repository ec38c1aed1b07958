package io.vigil.job;

import java.time.ZoneId;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;

/**
 * Event time taken where records are read, so that every Kafka partition has its own watermark
 * (Flink keeps one per split and forwards their minimum). Taken after the partitions are merged,
 * one partition read ahead during catch-up made the others' events late, and sequence rules
 * dropped them: the same input raised an alert with count 6, 4, 2 or not at all.
 *
 * <p>The event time is in the record's text, so the record is parsed here; the result rides on
 * the record to {@link ParseRecords}, chained right behind the source, which does not parse it
 * again. A rejected record has no event time ({@link Long#MIN_VALUE}: it never moves a watermark).
 * Nothing a record holds can make this assigner throw ({@link RecordParser#parseOrReject}): a
 * throw here fails the source task, and the restarted job reads the same record again, for ever.
 */
public final class EventTimeAtSource implements TimestampAssignerSupplier<RawRecord> {
    private static final long serialVersionUID = 1L;

    private final int maxRecordBytes;
    private final String syslogZone;

    public EventTimeAtSource(int maxRecordBytes, ZoneId syslogZone) {
        this.maxRecordBytes = maxRecordBytes;
        this.syslogZone = syslogZone.getId();
    }

    @Override
    public TimestampAssigner<RawRecord> createTimestampAssigner(Context context) {
        RecordParser parser = new RecordParser(maxRecordBytes, ZoneId.of(syslogZone));
        return (record, kafkaTimestamp) -> {
            try {
                record.parsed = parser.parseOrReject(record, System.currentTimeMillis());
                return record.parsed.timestamp;
            } catch (RejectedRecordException e) {
                record.rejection = e;
                return Long.MIN_VALUE;
            }
        };
    }
}

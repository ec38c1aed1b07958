package io.vigil.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Event time of one Kafka partition (Flink runs one generator per split; the job's watermark is
 * the slowest partition's).
 *
 * <p>Bounded out-of-orderness, with two changes for hostile and quiet inputs:
 * <ul>
 *   <li><b>A producer's clock cannot move event time.</b> A record counts for the watermark with at
 *       most the time the broker received it (its LogAppendTime, see {@code Topics.CONFIG}) or the
 *       wall clock, whichever is earlier, plus the out-of-orderness. A record dated a day ahead is
 *       stored with its own time, but it does not make every real event after it late.</li>
 *   <li><b>Quiet partitions follow the wall clock.</b> A partition that delivered records and then
 *       fell silent for {@code quietAfter} advances to the wall clock minus the out-of-orderness:
 *       nothing older is expected from it. Event-time decisions (windows that close, rollups,
 *       cleanup of idle state) are then taken at 3 a.m. too, instead of waiting for the next
 *       unrelated record. A partition that is only held up is not quiet: jumping past its
 *       backlog would make every record in it late for the rollups (each one firing its window
 *       again, or missing it past the allowed lateness), and which ones would depend on how long
 *       the hold-up lasted, so the same events would no longer give the same rollups. Two hold-ups:
 *       backpressure (a slow operator downstream), which Flink's input activity clock does not
 *       count as time; and the task thread itself blocked, in the chained log sink waiting for
 *       Elasticsearch or in a long pause, during which no periodic emit runs at all. The first
 *       emit after such a block comes before the records that waited, so a partition counts as
 *       quiet only at the second emit that finds it silent for {@code quietAfter}.</li>
 *   <li><b>A partition that never delivered anything is idle</b>, so it does not hold event time
 *       back (Flink creates a split's output when the split is assigned, with no watermark). The
 *       same holds for a source subtask's main output, which sees no records at all. Quiet
 *       partitions are never marked idle: when every partition is idle, event time stops.</li>
 * </ul>
 */
public final class PartitionWatermarks implements WatermarkGenerator<RawRecord> {
    private final long outOfOrderness;
    private final long quietAfter;
    private final Clock clock;
    private final RelativeClock activity;
    private long newest = Long.MIN_VALUE;
    /**
     * Whether a record came since the last periodic emit. The emit reads the activity clock for it,
     * so the per-record path pays a field write, not a synchronized clock read.
     */
    private boolean readSinceEmit;
    /** On the activity clock: the first periodic emit after the newest record, to that emit's interval. */
    private long lastRecordAt;
    /** Periodic emits since the last record that found the partition silent for {@code quietAfter}. */
    private int silentEmits;

    private long emitted = Long.MIN_VALUE;

    /** The wall clock, replaceable in tests. */
    public interface Clock extends java.io.Serializable {
        long now();
    }

    /**
     * @param clock    the wall clock: what a quiet partition advances to, and the bound on records' times
     * @param activity time during which the task could read ({@code WatermarkGeneratorSupplier.Context#getInputActivityClock})
     */
    public PartitionWatermarks(long outOfOrderness, long quietAfter, Clock clock, RelativeClock activity) {
        this.outOfOrderness = outOfOrderness;
        this.quietAfter = quietAfter;
        this.clock = clock;
        this.activity = activity;
    }

    @Override
    public void onEvent(RawRecord record, long eventTime, WatermarkOutput output) {
        long now = clock.now();
        readSinceEmit = true;
        if (eventTime == Long.MIN_VALUE) {
            return; // a rejected record has no event time
        }
        long received = record.kafkaTimestamp > 0 ? Math.min(record.kafkaTimestamp, now) : now;
        long bounded = Math.min(eventTime, received + outOfOrderness);
        newest = Math.max(newest, bounded);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long active = activity.relativeTimeMillis();
        if (readSinceEmit) {
            readSinceEmit = false;
            lastRecordAt = active;
            silentEmits = 0;
        }
        if (newest == Long.MIN_VALUE) {
            output.markIdle();
            return;
        }
        long watermark = newest - outOfOrderness - 1;
        if (active - lastRecordAt >= quietAfter && ++silentEmits >= 2) {
            watermark = Math.max(watermark, clock.now() - outOfOrderness - 1);
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}

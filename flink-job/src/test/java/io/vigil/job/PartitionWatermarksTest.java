package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/** Event time of one partition: producers' clocks cannot move it, quiet partitions follow the wall clock. */
class PartitionWatermarksTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long OOO = 5_000;
    private static final long QUIET = 30_000;

    private long now = NOW;
    private final List<Long> emitted = new ArrayList<>();
    private boolean idle;
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {}
    };
    private final PartitionWatermarks generator = new PartitionWatermarks(OOO, QUIET, () -> now);

    private void record(long eventTime, long brokerTime) {
        RawRecord r = new RawRecord("threat-logs", 0, 0, brokerTime, new byte[0]);
        generator.onEvent(r, eventTime, output);
    }

    private Long last() {
        generator.onPeriodicEmit(output);
        return emitted.isEmpty() ? null : emitted.get(emitted.size() - 1);
    }

    @Test
    void followsTheNewestEventMinusTheOutOfOrderness() {
        record(NOW - 60_000, NOW);
        assertThat(last()).isEqualTo(NOW - 60_000 - OOO - 1);
    }

    @Test
    void aRecordDatedADayAheadMovesEventTimeOnlyToWhenTheBrokerReceivedIt() {
        record(NOW + 23 * 3600_000L, NOW);
        assertThat(last()).isEqualTo(NOW - 1);
    }

    @Test
    void aProducerSetTimestampAheadOfTheWallClockCountsAsTheWallClock() {
        record(NOW + 3600_000L, NOW + 3600_000L); // CreateTime topics: the producer sets both
        assertThat(last()).isEqualTo(NOW - 1);
    }

    @Test
    void aQuietPartitionFollowsTheWallClock() {
        record(NOW - 3600_000L, NOW - 3600_000L);
        assertThat(last()).isEqualTo(NOW - 3600_000L - OOO - 1);
        now += QUIET - 1;
        assertThat(last()).as("not quiet long enough").isEqualTo(NOW - 3600_000L - OOO - 1);
        now += 1;
        assertThat(last()).isEqualTo(now - OOO - 1);
    }

    @Test
    void aPartitionThatDeliveredNothingIsIdleAndNeverAdvances() {
        now += 10 * QUIET;
        assertThat(last()).isNull();
        assertThat(idle).isTrue();
        record(NOW - 1000, NOW);
        assertThat(last()).isEqualTo(NOW - 1000 - OOO - 1);
        assertThat(idle).isFalse();
    }

    @Test
    void aQuietPartitionIsNeverIdle() {
        record(NOW, NOW);
        now += 100 * QUIET;
        last();
        assertThat(idle).isFalse();
    }

    @Test
    void rejectedRecordsHaveNoEventTime() {
        record(Long.MIN_VALUE, NOW);
        assertThat(last()).isNull();
    }
}

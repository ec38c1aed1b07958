package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/**
 * Event time of one partition: producers' clocks cannot move it, quiet partitions follow the wall
 * clock, and a partition the task could not read from (backpressure) is not quiet.
 */
class PartitionWatermarksTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long OOO = 5_000;
    private static final long QUIET = 30_000;

    private long now = NOW;
    /** Flink's input activity clock: it stands still while the source task is blocked. */
    private long active;

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
    private final RelativeClock activity = new RelativeClock() {
        @Override
        public long relativeTimeMillis() {
            return active;
        }

        @Override
        public long relativeTimeNanos() {
            return active * 1_000_000;
        }
    };
    private final PartitionWatermarks generator = new PartitionWatermarks(OOO, QUIET, () -> now, activity);

    /** Time passes with the task free to read. */
    private void advance(long millis) {
        now += millis;
        active += millis;
    }

    /** Time passes with the task blocked: a slow sink downstream, a checkpoint alignment. */
    private void blocked(long millis) {
        now += millis;
    }

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
        advance(QUIET - 1);
        assertThat(last()).as("not quiet long enough").isEqualTo(NOW - 3600_000L - OOO - 1);
        advance(1);
        assertThat(last()).as("the first emit that finds it silent").isEqualTo(NOW - 3600_000L - OOO - 1);
        advance(200);
        assertThat(last()).as("the next one, with still nothing read").isEqualTo(now - OOO - 1);
    }

    @Test
    void aPartitionHeldUpByBackpressureIsNotQuiet() {
        // A backlog an hour old, and an operator downstream too slow to take it for longer than the
        // quiet time: the records are still coming, so event time must not jump past them (every
        // one would be late for the rollups, and which ones would depend on how long it lasted).
        record(NOW - 3600_000L, NOW - 3600_000L);
        for (int i = 0; i < 10; i++) {
            blocked(QUIET); // periodic emits go on; Flink's input activity clock stands still
            assertThat(last()).as("held up, not quiet").isEqualTo(NOW - 3600_000L - OOO - 1);
        }
        advance(QUIET);
        last();
        advance(200);
        assertThat(last()).as("quiet once free to read").isEqualTo(now - OOO - 1);
    }

    @Test
    void aPartitionWhoseTaskThreadWasBlockedIsNotQuiet() {
        // An emit, then the task thread blocked a minute (the chained log sink waiting for
        // Elasticsearch, a long pause): no periodic emit runs meanwhile, and the first one
        // afterwards comes before the records that waited.
        record(NOW - 3600_000L, NOW - 3600_000L);
        last();
        advance(2 * QUIET);
        assertThat(last()).as("the emit that was due during the block").isEqualTo(NOW - 3600_000L - OOO - 1);
        record(NOW - 3599_000L, NOW - 3599_000L);
        advance(200);
        assertThat(last()).as("the backlog flows again").isEqualTo(NOW - 3599_000L - OOO - 1);
    }

    @Test
    void aPartitionThatDeliveredNothingIsIdleAndNeverAdvances() {
        advance(10 * QUIET);
        assertThat(last()).isNull();
        assertThat(idle).isTrue();
        record(NOW - 1000, NOW);
        assertThat(last()).isEqualTo(NOW - 1000 - OOO - 1);
        assertThat(idle).isFalse();
    }

    @Test
    void aQuietPartitionIsNeverIdle() {
        record(NOW, NOW);
        advance(100 * QUIET);
        last();
        assertThat(idle).isFalse();
    }

    @Test
    void rejectedRecordsHaveNoEventTime() {
        record(Long.MIN_VALUE, NOW);
        assertThat(last()).isNull();
    }
}

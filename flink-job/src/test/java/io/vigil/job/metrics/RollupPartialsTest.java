package io.vigil.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** What the source chain sends the rollup windows: one partial per host and minute, never late. */
class RollupPartialsTest {
    private static final long T0 = Instant.parse("2026-12-07T10:00:00Z").toEpochMilli();
    private static final long MINUTE = MetricRollups.MINUTE.toMillis();

    private static OneInputStreamOperatorTestHarness<LogEvent, RollupPartial> harness(int maxHeld) throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(new RollupPartials(MetricRollups.MINUTE, maxHeld));
        harness.open();
        return harness;
    }

    private static StreamRecord<LogEvent> sample(String host, long at, double cpu) {
        LogEvent e = new LogEvent();
        e.host = host;
        e.kind = "metric";
        e.severity = "LOW";
        e.timestamp = at;
        e.cpuUsage = cpu;
        return new StreamRecord<>(e, at);
    }

    /** The output in order: "host@minute:events" for a partial, "W@time" for a watermark. */
    private static List<String> out(OneInputStreamOperatorTestHarness<LogEvent, RollupPartial> h) {
        List<String> seen = h.getOutput().stream()
                .map(o ->
                        o instanceof Watermark w ? "W@" + (w.getTimestamp() - T0) / 1000 : partial((StreamRecord<?>) o))
                .toList();
        h.getOutput().clear();
        return seen;
    }

    private static String partial(StreamRecord<?> record) {
        RollupPartial p = (RollupPartial) record.getValue();
        assertThat(record.getTimestamp()).as("placed by its minute").isEqualTo(p.minute);
        return p.host + "@" + (p.minute - T0) / MINUTE + ":" + p.sums.events;
    }

    @Test
    void aMinuteIsHeldUntilTheWatermarkPassesItsEndAndGoesOnBeforeThatWatermark() throws Exception {
        try (var h = harness(100)) {
            h.processElement(sample("db", T0 + 1_000, 10));
            h.processElement(sample("web", T0 + 2_000, 20));
            h.processElement(sample("db", T0 + 59_999, 30));
            h.processElement(sample("db", T0 + MINUTE + 5_000, 40));
            h.processWatermark(new Watermark(T0 + 30_000));
            assertThat(out(h)).as("minute 0 is still open").containsExactly("W@30");

            h.processWatermark(new Watermark(T0 + MINUTE - 1));
            List<String> closed = out(h);
            assertThat(closed.subList(0, 2)).containsExactlyInAnyOrder("db@0:2", "web@0:1");
            assertThat(closed.get(2)).as("after the partials").isEqualTo("W@59");

            h.processWatermark(new Watermark(T0 + 2 * MINUTE - 1));
            assertThat(out(h)).containsExactly("db@1:1", "W@119");
        }
    }

    @Test
    void anEventOfAMinuteThatHasEndedGoesOnAtOnceAndAlone() throws Exception {
        try (var h = harness(100)) {
            h.processWatermark(new Watermark(T0 + MINUTE + 10_000));
            out(h);
            h.processElement(sample("db", T0 + 3_000, 10));
            h.processElement(sample("db", T0 + 4_000, 11));
            assertThat(out(h)).as("late: each re-fires its window").containsExactly("db@0:1", "db@0:1");
            h.processElement(sample("db", T0 + MINUTE + 20_000, 12));
            assertThat(out(h)).as("minute 1 is open").isEmpty();
        }
    }

    @Test
    void everythingHeldGoesOnBeforeACheckpointBarrierAndAtTheEndOfInput() throws Exception {
        try (var h = harness(100)) {
            h.processElement(sample("db", T0 + 1_000, 10));
            h.processElement(sample("db", T0 + 5 * MINUTE, 10));
            h.prepareSnapshotPreBarrier(1);
            assertThat(out(h)).containsExactlyInAnyOrder("db@0:1", "db@5:1");

            h.processElement(sample("web", T0 + 7 * MINUTE, 10));
            h.endInput();
            assertThat(out(h)).containsExactly("web@7:1");
        }
    }

    @Test
    void tooManyHostMinutesSendAllHeldEarly() throws Exception {
        try (var h = harness(3)) {
            h.processElement(sample("a", T0, 1));
            h.processElement(sample("b", T0, 1));
            h.processElement(sample("a", T0 + 1, 1));
            assertThat(out(h)).isEmpty();
            h.processElement(sample("c", T0, 1));
            assertThat(out(h)).containsExactlyInAnyOrder("a@0:2", "b@0:1", "c@0:1");
            h.processElement(sample("a", T0 + 2, 1));
            h.endInput();
            assertThat(out(h)).as("held anew after the early send").containsExactly("a@0:1");
        }
    }

    @Test
    void aPartialCarriesTheSumsOfItsEventsAndTheLaterHostGroup() throws Exception {
        try (var h = harness(100)) {
            StreamRecord<LogEvent> first = sample("db", T0 + 1_000, 10);
            first.getValue().fields.put("asset.group", "old");
            StreamRecord<LogEvent> second = sample("db", T0 + 2_000, 30);
            second.getValue().fields.put("asset.group", "data");
            h.processElement(first);
            h.processElement(second);
            h.endInput();
            RollupPartial p = (RollupPartial) ((StreamRecord<?>) h.getOutput().poll()).getValue();
            MetricRollup rollup = new RollupAccumulator().merge(p.sums).toRollup("db", "1m", p.minute);
            assertThat(rollup.cpuSum).isEqualTo(40.0);
            assertThat(rollup.cpuMax).isEqualTo(30.0);
            assertThat(rollup.samples).isEqualTo(2);
            assertThat(rollup.hostGroup).isEqualTo("data");
        }
    }
}

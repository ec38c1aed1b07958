package io.vigil.job.metrics;

import io.vigil.common.LogEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * Per-host tumbling 1-minute and 1-hour rollups of every event, in event time, with allowed
 * lateness: a late sample re-fires its window and the stored rollup is replaced by the
 * corrected one. Samples later than that are counted ({@code vigil.rollups.too-late}) and still
 * stored as logs. The 1-minute rollups go through {@link MetricAnomalies} on their way out.
 */
public final class MetricRollups {
    /**
     * The short window, and the span a {@link RollupPartial} folds. It divides {@link #HOUR}, so
     * each partial lies in one window of each.
     */
    static final Duration MINUTE = Duration.ofMinutes(1);

    static final Duration HOUR = Duration.ofHours(1);

    /** How late a sample may be and still correct its 1-minute window. */
    public static final Duration MINUTE_LATENESS = Duration.ofHours(1);
    /** How late a sample may be and still correct its 1-hour window. */
    public static final Duration HOUR_LATENESS = Duration.ofHours(3);

    private static final OutputTag<RollupPartial> TOO_LATE_1M = new OutputTag<>("rollup-1m-too-late") {};
    private static final OutputTag<RollupPartial> TOO_LATE_1H = new OutputTag<>("rollup-1h-too-late") {};

    private MetricRollups() {}

    /** Adds both rollups and the anomaly detectors; returns the detectors' operator (findings on its side output). */
    public static SingleOutputStreamOperator<MetricRollup> attach(
            DataStream<LogEvent> events,
            AnomalyConfig config,
            Sink<MetricRollup> minuteSink,
            Sink<MetricRollup> hourSink) {
        // A partial per host and minute, not every event, crosses the two shuffles below.
        DataStream<RollupPartial> partials = events.transform(
                        "rollup-partials", TypeInformation.of(RollupPartial.class), new RollupPartials(MINUTE))
                .uid("rollup-partials");
        SingleOutputStreamOperator<MetricRollup> minute = windows(partials, "1m", MINUTE, MINUTE_LATENESS, TOO_LATE_1M);
        SingleOutputStreamOperator<MetricRollup> examined = minute.keyBy(r -> r.host)
                .process(new MetricAnomalies(config))
                .uid("metric-anomalies")
                .name("metric-anomalies");
        examined.sinkTo(minuteSink).uid("rollup-1m-sink").name("rollup-1m-sink");

        SingleOutputStreamOperator<MetricRollup> hour = windows(partials, "1h", HOUR, HOUR_LATENESS, TOO_LATE_1H);
        hour.sinkTo(hourSink).uid("rollup-1h-sink").name("rollup-1h-sink");

        minute.getSideOutput(TOO_LATE_1M)
                .union(hour.getSideOutput(TOO_LATE_1H))
                .filter(new CountTooLate())
                .uid("rollup-too-late")
                .name("rollup-too-late")
                .sinkTo(new DiscardingSink<>())
                .uid("rollup-too-late-sink")
                .name("rollup-too-late-sink");
        return examined;
    }

    /** One interval's rollups: per host, in tumbling event-time windows; partials too late for them go to {@code tooLate}. */
    private static SingleOutputStreamOperator<MetricRollup> windows(
            DataStream<RollupPartial> partials,
            String interval,
            Duration size,
            Duration lateness,
            OutputTag<RollupPartial> tooLate) {
        return partials.keyBy(p -> p.host)
                .window(TumblingEventTimeWindows.of(size))
                .allowedLateness(lateness)
                .sideOutputLateData(tooLate)
                .aggregate(new RollupAggregate(), new EmitRollup(interval))
                .uid("rollup-" + interval)
                .name("rollup-" + interval);
    }

    /** Counts events too late for their rollup window; they are stored as logs all the same. */
    private static final class CountTooLate extends RichFilterFunction<RollupPartial> {
        private transient Counter counter;

        @Override
        public void open(Configuration parameters) {
            counter = getRuntimeContext().getMetricGroup().addGroup("vigil").counter("rollups.too-late");
        }

        @Override
        public boolean filter(RollupPartial late) {
            counter.inc(late.sums.events);
            return false;
        }
    }
}

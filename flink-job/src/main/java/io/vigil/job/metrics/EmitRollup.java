package io.vigil.job.metrics;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Emits a window's rollup each time the window fires: once when the watermark passes its end,
 * then again for every late event within the allowed lateness, always with the whole window's
 * figures — the stored document (same id) is replaced by the corrected one.
 */
public class EmitRollup extends ProcessWindowFunction<RollupAccumulator, MetricRollup, String, TimeWindow> {
    private final String interval;

    public EmitRollup(String interval) {
        this.interval = interval;
    }

    @Override
    public void process(
            String host, Context context, Iterable<RollupAccumulator> accumulators, Collector<MetricRollup> out) {
        for (RollupAccumulator acc : accumulators) {
            out.collect(acc.toRollup(host, interval, context.window().getStart()));
        }
    }
}

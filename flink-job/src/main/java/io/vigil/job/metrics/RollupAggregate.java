package io.vigil.job.metrics;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a window's events into a {@link RollupAccumulator} as they arrive (no event buffering). */
public class RollupAggregate implements AggregateFunction<RollupPoint, RollupAccumulator, RollupAccumulator> {
    @Override
    public RollupAccumulator createAccumulator() {
        return new RollupAccumulator();
    }

    @Override
    public RollupAccumulator add(RollupPoint event, RollupAccumulator acc) {
        acc.add(event);
        return acc;
    }

    @Override
    public RollupAccumulator getResult(RollupAccumulator acc) {
        return acc;
    }

    @Override
    public RollupAccumulator merge(RollupAccumulator a, RollupAccumulator b) {
        return a.merge(b);
    }
}

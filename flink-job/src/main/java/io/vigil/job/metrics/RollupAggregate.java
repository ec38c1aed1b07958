package io.vigil.job.metrics;

import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Folds a window's partials ({@link RollupPartials}: a host's events of a minute) into a {@link
 * RollupAccumulator} as they arrive (no event buffering).
 */
public class RollupAggregate implements AggregateFunction<RollupPartial, RollupAccumulator, RollupAccumulator> {
    @Override
    public RollupAccumulator createAccumulator() {
        return new RollupAccumulator();
    }

    @Override
    public RollupAccumulator add(RollupPartial partial, RollupAccumulator acc) {
        return acc.merge(partial.sums);
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

package io.vigil.job.metrics;

/**
 * One host's events of one minute, folded in the source chain ({@link RollupPartials}): what
 * crosses the shuffle to the rollup windows instead of each event. (Flink POJO.)
 */
public class RollupPartial {
    public String host;
    /** Start of the minute, epoch milliseconds: the record's timestamp, so both windows place it. */
    public long minute;

    public RollupAccumulator sums;

    public RollupPartial() {}

    RollupPartial(String host, long minute, RollupAccumulator sums) {
        this.host = host;
        this.minute = minute;
        this.sums = sums;
    }
}

package io.vigil.job.metrics;

/** Count, sum and peak of one rate metric (bytes per second) in a window. (Flink POJO.) */
public class RateStats {
    public long samples;
    public double sum;
    public double max;

    public RateStats() {}

    /** Adds a value; NaN (the sample did not carry the metric) is ignored. */
    public void add(double rate) {
        if (Double.isNaN(rate)) {
            return;
        }
        samples++;
        sum += rate;
        max = Math.max(max, rate);
    }

    public void merge(RateStats o) {
        samples += o.samples;
        sum += o.sum;
        max = Math.max(max, o.max);
    }
}

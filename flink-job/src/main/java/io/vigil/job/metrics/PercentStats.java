package io.vigil.job.metrics;

import java.util.Arrays;

/**
 * Count, sum, extremes and a 0.1 %-wide histogram of one percentage metric in a window, so
 * p95 is exact to 0.1 % whatever the window's size. (Flink POJO: part of the window state.)
 */
public class PercentStats {
    static final int BUCKETS = 1001; // 0.0 .. 100.0 in 0.1 steps

    public long samples;
    public double sum;
    public double min = Double.POSITIVE_INFINITY;
    public double max = Double.NEGATIVE_INFINITY;
    public int[] histogram;

    public PercentStats() {
    }

    /** Adds a value; NaN (the sample did not carry the metric) is ignored. */
    public void add(double percentage) {
        if (Double.isNaN(percentage)) {
            return;
        }
        samples++;
        sum += percentage;
        min = Math.min(min, percentage);
        max = Math.max(max, percentage);
        if (histogram == null) {
            histogram = new int[BUCKETS];
        }
        histogram[(int) Math.round(Math.max(0, Math.min(100, percentage)) * 10)]++;
    }

    public void merge(PercentStats o) {
        samples += o.samples;
        sum += o.sum;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        if (histogram == null) {
            histogram = o.histogram == null ? null : Arrays.copyOf(o.histogram, BUCKETS);
        } else if (o.histogram != null) {
            for (int i = 0; i < BUCKETS; i++) {
                histogram[i] += o.histogram[i];
            }
        }
    }

    public double minOrNaN() {
        return samples == 0 ? Double.NaN : min;
    }

    public double maxOrNaN() {
        return samples == 0 ? Double.NaN : max;
    }

    /** The 95th percentile (nearest rank), in percent; NaN without samples. */
    public double p95() {
        if (samples == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(0.95 * samples);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return i / 10.0;
            }
        }
        return 100.0;
    }
}

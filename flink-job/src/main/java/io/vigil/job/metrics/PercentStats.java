package io.vigil.job.metrics;

/**
 * Count, sum, extremes and a 0.1 %-wide histogram of one percentage metric in a window, so
 * p95 is exact to 0.1 % whatever the window's size. (Flink POJO: part of the window state.)
 *
 * <p>The histogram is sparse: only the buckets that hold samples, as sorted {@code bucket << 32 |
 * count} entries. The dense form (1001 ints for each of cpu and memory) made every host's window
 * 8 KB even for a single sample: 100,000 invented host names held 1.6 GB of window state. A
 * window holds as many entries as distinct values seen, at most 1001.
 */
public class PercentStats {
    static final int BUCKETS = 1001; // 0.0 .. 100.0 in 0.1 steps

    public long samples;
    public double sum;
    public double min = Double.POSITIVE_INFINITY;
    public double max = Double.NEGATIVE_INFINITY;
    /** The buckets holding samples, sorted: {@code bucket << 32 | count}. */
    public long[] buckets;
    /** The dense histogram of windows checkpointed before the sparse form; folded into buckets when touched. */
    public int[] histogram;

    public PercentStats() {}

    /** Adds a value; NaN (the sample did not carry the metric) is ignored. */
    public void add(double percentage) {
        if (Double.isNaN(percentage)) {
            return;
        }
        samples++;
        sum += percentage;
        min = Math.min(min, percentage);
        max = Math.max(max, percentage);
        foldDense();
        count((int) Math.round(Math.max(0, Math.min(100, percentage)) * 10), 1);
    }

    public void merge(PercentStats o) {
        samples += o.samples;
        sum += o.sum;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        foldDense();
        if (o.histogram != null) {
            for (int i = 0; i < o.histogram.length; i++) {
                if (o.histogram[i] != 0) {
                    count(i, o.histogram[i]);
                }
            }
        }
        if (o.buckets != null) {
            for (long entry : o.buckets) {
                count((int) (entry >>> 32), (int) entry);
            }
        }
    }

    /** Adds {@code n} samples to a bucket (binary search; inserts keep the entries sorted). */
    private void count(int bucket, int n) {
        if (buckets == null) {
            buckets = new long[] {(long) bucket << 32 | n};
            return;
        }
        int lo = 0;
        int hi = buckets.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int b = (int) (buckets[mid] >>> 32);
            if (b == bucket) {
                buckets[mid] += n;
                return;
            }
            if (b < bucket) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        long[] grown = new long[buckets.length + 1];
        System.arraycopy(buckets, 0, grown, 0, lo);
        grown[lo] = (long) bucket << 32 | n;
        System.arraycopy(buckets, lo, grown, lo + 1, buckets.length - lo);
        buckets = grown;
    }

    private void foldDense() {
        if (histogram != null) {
            int[] dense = histogram;
            histogram = null;
            for (int i = 0; i < dense.length; i++) {
                if (dense[i] != 0) {
                    count(i, dense[i]);
                }
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
        foldDense();
        long rank = (long) Math.ceil(0.95 * samples);
        long seen = 0;
        for (long entry : buckets) {
            seen += (int) entry;
            if (seen >= rank) {
                return (int) (entry >>> 32) / 10.0;
            }
        }
        return 100.0;
    }
}

package io.vigil.job.metrics;

import java.util.Arrays;

/**
 * What a window remembers of its events: counts, sums, extremes, and the CPU and memory
 * percentages in a 0.1 %-wide histogram, so p95 is exact to 0.1 % whatever the window's size.
 */
public class RollupAccumulator {
    static final int BUCKETS = 1001; // 0.0 .. 100.0 in 0.1 steps

    public String hostGroup;
    public long events;
    public long metricEvents;
    public long authFailures;
    public long[] bySeverity = new long[4];
    public double cpuSum;
    public double cpuMin = Double.POSITIVE_INFINITY;
    public double cpuMax = Double.NEGATIVE_INFINITY;
    public int[] cpuHistogram;
    public long cpuSamples;
    public double memorySum;
    public double memoryMin = Double.POSITIVE_INFINITY;
    public double memoryMax = Double.NEGATIVE_INFINITY;
    public int[] memoryHistogram;
    public long memorySamples;
    public double netInSum;
    public double netInMax;
    public long netInSamples;
    public double netOutSum;
    public double netOutMax;
    public long netOutSamples;

    public RollupAccumulator() {
    }

    public void add(RollupPoint p) {
        events++;
        bySeverity[p.severity]++;
        if (p.hostGroup != null) {
            hostGroup = p.hostGroup;
        }
        if (!p.metric) {
            if (p.authFailure) {
                authFailures++;
            }
            return;
        }
        metricEvents++;
        if (!Double.isNaN(p.cpu)) {
            cpuSum += p.cpu;
            cpuMin = Math.min(cpuMin, p.cpu);
            cpuMax = Math.max(cpuMax, p.cpu);
            cpuHistogram = record(cpuHistogram, p.cpu);
            cpuSamples++;
        }
        if (!Double.isNaN(p.memory)) {
            memorySum += p.memory;
            memoryMin = Math.min(memoryMin, p.memory);
            memoryMax = Math.max(memoryMax, p.memory);
            memoryHistogram = record(memoryHistogram, p.memory);
            memorySamples++;
        }
        if (!Double.isNaN(p.netIn)) {
            netInSum += p.netIn;
            netInMax = Math.max(netInMax, p.netIn);
            netInSamples++;
        }
        if (!Double.isNaN(p.netOut)) {
            netOutSum += p.netOut;
            netOutMax = Math.max(netOutMax, p.netOut);
            netOutSamples++;
        }
    }

    public RollupAccumulator merge(RollupAccumulator o) {
        events += o.events;
        metricEvents += o.metricEvents;
        authFailures += o.authFailures;
        for (int i = 0; i < 4; i++) {
            bySeverity[i] += o.bySeverity[i];
        }
        hostGroup = hostGroup != null ? hostGroup : o.hostGroup;
        cpuSum += o.cpuSum;
        cpuMin = Math.min(cpuMin, o.cpuMin);
        cpuMax = Math.max(cpuMax, o.cpuMax);
        cpuHistogram = mergeHistograms(cpuHistogram, o.cpuHistogram);
        cpuSamples += o.cpuSamples;
        memorySum += o.memorySum;
        memoryMin = Math.min(memoryMin, o.memoryMin);
        memoryMax = Math.max(memoryMax, o.memoryMax);
        memoryHistogram = mergeHistograms(memoryHistogram, o.memoryHistogram);
        memorySamples += o.memorySamples;
        netInSum += o.netInSum;
        netInMax = Math.max(netInMax, o.netInMax);
        netInSamples += o.netInSamples;
        netOutSum += o.netOutSum;
        netOutMax = Math.max(netOutMax, o.netOutMax);
        netOutSamples += o.netOutSamples;
        return this;
    }

    private static int[] record(int[] histogram, double percentage) {
        int[] h = histogram == null ? new int[BUCKETS] : histogram;
        int bucket = (int) Math.round(Math.max(0, Math.min(100, percentage)) * 10);
        h[bucket]++;
        return h;
    }

    private static int[] mergeHistograms(int[] a, int[] b) {
        if (a == null) {
            return b == null ? null : Arrays.copyOf(b, b.length);
        }
        if (b != null) {
            for (int i = 0; i < BUCKETS; i++) {
                a[i] += b[i];
            }
        }
        return a;
    }

    /** The 95th percentile (nearest rank) of a histogram, in percent. */
    static double p95(int[] histogram, long samples) {
        if (histogram == null || samples == 0) {
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

    public MetricRollup toRollup(String host, String interval, long windowStart) {
        MetricRollup r = new MetricRollup();
        r.host = host;
        r.hostGroup = hostGroup;
        r.interval = interval;
        r.windowStart = windowStart;
        r.samples = metricEvents;
        r.cpuSamples = cpuSamples;
        r.cpuSum = cpuSum;
        r.cpuMin = cpuSamples == 0 ? Double.NaN : cpuMin;
        r.cpuMax = cpuSamples == 0 ? Double.NaN : cpuMax;
        r.cpuP95 = p95(cpuHistogram, cpuSamples);
        r.memorySamples = memorySamples;
        r.memorySum = memorySum;
        r.memoryMin = memorySamples == 0 ? Double.NaN : memoryMin;
        r.memoryMax = memorySamples == 0 ? Double.NaN : memoryMax;
        r.memoryP95 = p95(memoryHistogram, memorySamples);
        r.netInSamples = netInSamples;
        r.netInSum = netInSum;
        r.netInMax = netInMax;
        r.netOutSamples = netOutSamples;
        r.netOutSum = netOutSum;
        r.netOutMax = netOutMax;
        r.eventsBySeverity = bySeverity.clone();
        r.metricEvents = metricEvents;
        r.otherEvents = events - metricEvents;
        r.authFailures = authFailures;
        return r;
    }
}

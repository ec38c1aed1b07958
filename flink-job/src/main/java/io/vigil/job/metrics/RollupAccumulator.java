package io.vigil.job.metrics;

import io.vigil.common.LogEvent;
import io.vigil.common.Severity;
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

    public void add(LogEvent e) {
        events++;
        Severity severity = Severity.parse(e.severity).orElse(Severity.LOW);
        bySeverity[severity.ordinal()]++;
        Object group = e.fields.get("asset.group");
        if (group != null) {
            hostGroup = group.toString();
        }
        if (!e.isMetric()) {
            if ("authentication".equals(e.fields.get("event.category")) && "failure".equals(e.fields.get("event.outcome"))) {
                authFailures++;
            }
            return;
        }
        metricEvents++;
        if (e.cpuUsage != null) {
            cpuSum += e.cpuUsage;
            cpuMin = Math.min(cpuMin, e.cpuUsage);
            cpuMax = Math.max(cpuMax, e.cpuUsage);
            cpuHistogram = record(cpuHistogram, e.cpuUsage);
            cpuSamples++;
        }
        if (e.memoryPercentage != null) {
            memorySum += e.memoryPercentage;
            memoryMin = Math.min(memoryMin, e.memoryPercentage);
            memoryMax = Math.max(memoryMax, e.memoryPercentage);
            memoryHistogram = record(memoryHistogram, e.memoryPercentage);
            memorySamples++;
        }
        if (e.networkIn != null) {
            netInSum += e.networkIn;
            netInMax = Math.max(netInMax, e.networkIn);
            netInSamples++;
        }
        if (e.networkOut != null) {
            netOutSum += e.networkOut;
            netOutMax = Math.max(netOutMax, e.networkOut);
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

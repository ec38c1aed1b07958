package io.vigil.job.metrics;

/**
 * One host's metrics over one window (1m or 1h), as stored in {@code PREFIX-metrics-INTERVAL}
 * (template metrics.json). Sums travel with the averages so that fleet-wide and host-group
 * figures are exact weighted averages: sum(cpu_sum) / sum(samples).
 */
public class MetricRollup {
    public String host;
    public String hostGroup;
    public String interval;
    public long windowStart;
    public long samples;
    public double cpuSum;
    public double cpuMin;
    public double cpuMax;
    public double cpuP95;
    public long cpuSamples;
    public double memorySum;
    public double memoryMin;
    public double memoryMax;
    public double memoryP95;
    public long memorySamples;
    public double netInSum;
    public double netInMax;
    public long netInSamples;
    public double netOutSum;
    public double netOutMax;
    public long netOutSamples;
    /** Events of each severity, LOW..CRITICAL. */
    public long[] eventsBySeverity = new long[4];

    public long metricEvents;
    public long otherEvents;
    /** Failed authentications (event.category authentication, outcome failure): an RCF feature. */
    public long authFailures;
    /** Multivariate anomaly grade of this window (0 = normal .. 1), when computed. */
    public Double anomalyScore;

    public MetricRollup() {}

    public String documentId() {
        return host + "|" + interval + "|" + windowStart;
    }

    public double cpuAvg() {
        return cpuSamples == 0 ? Double.NaN : cpuSum / cpuSamples;
    }

    public double memoryAvg() {
        return memorySamples == 0 ? Double.NaN : memorySum / memorySamples;
    }

    public double netInAvg() {
        return netInSamples == 0 ? Double.NaN : netInSum / netInSamples;
    }

    public double netOutAvg() {
        return netOutSamples == 0 ? Double.NaN : netOutSum / netOutSamples;
    }
}

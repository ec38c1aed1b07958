package io.vigil.job.metrics;

import java.util.HashMap;
import java.util.Map;

/** Per-host memory of the anomaly detectors (Flink keyed state; survives restarts). */
public class HostMetricState {
    /** Per metric (AnomalyConfig.METRICS order): EWMA mean and variance, windows seen. */
    public double[] mean = new double[4];

    public double[] variance = new double[4];
    public long[] seen = new long[4];
    /** Ring buffers of the last windows' CPU and memory averages, for the trend fit. */
    public double[] cpuTrend;

    public double[] memoryTrend;
    public long[] trendTimes;
    public int trendCount;
    public int trendNext;
    /** Newest window already examined: late re-firings of older windows are not re-examined. */
    public long lastWindow = Long.MIN_VALUE;

    public long forestWindows;
    /** Consecutive windows the forest graded at or above the alerting grade. */
    public int forestStreak;
    /** Per anomaly rule id: when the ongoing episode started and when it was last seen. */
    public Map<String, Long> episodeStart = new HashMap<>();

    public Map<String, Long> episodeLastSeen = new HashMap<>();
    /** Per anomaly rule id: windows in the ongoing episode, and its highest severity so far. */
    public Map<String, Long> episodeCount = new HashMap<>();

    public Map<String, String> episodeSeverity = new HashMap<>();
    /** When the cleanup timer of this host fires (event time), or Long.MIN_VALUE before one is set. */
    public long cleanupAt = Long.MIN_VALUE;

    public HostMetricState() {}
}

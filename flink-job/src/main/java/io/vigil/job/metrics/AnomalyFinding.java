package io.vigil.job.metrics;

import java.util.Map;

/**
 * Something unusual about one host's metrics in one window: which detector, which metric,
 * what was seen and what was expected. {@code episodeStart} is the first window of an ongoing
 * anomaly; repeats within the suppression window keep it, so they update one alert.
 */
public class AnomalyFinding {
    /** threshold, baseline, trend or forest. */
    public String detector;
    /** cpu, memory, net_in, net_out, or "multivariate" for the forest. */
    public String metric;

    public String host;
    public String hostGroup;
    public String severity;
    public long windowStart;
    public long windowEnd;
    public long episodeStart;
    /** Windows in the episode so far (the alert's count: set, not added, so replays are idempotent). */
    public long episodeCount;
    /** Highest severity of the episode so far. */
    public String episodeSeverity;

    public double observed;
    public double expectedLow;
    public double expectedHigh;
    public String summary;
    /** Detector details for the alert's context (band, slope, grade, attributions...). */
    public Map<String, Object> context;

    public AnomalyFinding() {}

    @Override
    public String toString() {
        return ruleId() + "[" + host + " " + severity + " @" + windowStart + ": " + summary + " " + context + "]";
    }

    /** Stable id of the kind of anomaly: what the alert's rule_id is. */
    public String ruleId() {
        return "anomaly." + detector + (metric == null ? "" : "." + metric);
    }
}

package io.vigil.job.metrics;

import io.vigil.common.LogEvent;
import io.vigil.common.Severity;

/**
 * What the rollups need of an event, and nothing more: what {@link RollupAccumulator#add} folds,
 * read from the event in the source chain ({@link RollupPartials}).
 */
public class RollupPoint {
    public String host;
    public String hostGroup;
    public long timestamp;
    public boolean metric;
    public int severity;
    public boolean authFailure;
    /** NaN when the sample did not carry the metric. */
    public double cpu = Double.NaN;

    public double memory = Double.NaN;
    public double netIn = Double.NaN;
    public double netOut = Double.NaN;

    public RollupPoint() {}

    public static RollupPoint of(LogEvent e) {
        RollupPoint p = new RollupPoint();
        p.host = e.host;
        Object group = e.fields.get("asset.group");
        p.hostGroup = group == null ? null : group.toString();
        p.timestamp = e.timestamp;
        p.metric = e.isMetric();
        p.severity = Severity.parse(e.severity).orElse(Severity.LOW).ordinal();
        p.authFailure = "authentication".equals(e.fields.get("event.category"))
                && "failure".equals(e.fields.get("event.outcome"));
        if (e.cpuUsage != null) {
            p.cpu = e.cpuUsage;
        }
        if (e.memoryPercentage != null) {
            p.memory = e.memoryPercentage;
        }
        if (e.networkIn != null) {
            p.netIn = e.networkIn;
        }
        if (e.networkOut != null) {
            p.netOut = e.networkOut;
        }
        return p;
    }
}

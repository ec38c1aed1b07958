package io.vigil.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A normalized record: a metric sample or a security/system event (docs/schema.md). Fixed
 * fields for what every record has or what the metric rules read; {@link #fields} for the ECS
 * security fields and unknown fields, keyed by their dotted name.
 */
public class LogEvent {
    public String id;
    public String topic;
    public int partition;
    public long offset;
    /** Event time, epoch millis UTC. */
    public long timestamp;
    /** When Vigil parsed it, epoch millis UTC. */
    public long ingested;
    public String host;
    /** {@code metric} or {@code event}. */
    public String kind;
    public String severity;
    public String message;

    public Double cpuUsage;
    public Long memoryUsed;
    public Long memoryTotal;
    public Double memoryPercentage;
    public Double networkIn;
    public Double networkOut;

    /** ECS fields ({@code user.name}, {@code source.ip}, ...) and kept unknown fields. */
    public Map<String, Object> fields = new LinkedHashMap<>();

    public LogEvent() {
    }

    public boolean isMetric() {
        return io.vigil.common.Fields.KIND_METRIC.equals(kind);
    }
}

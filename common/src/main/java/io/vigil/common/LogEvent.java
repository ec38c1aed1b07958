package io.vigil.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A normalized record (what the job parses every Kafka record into and rules look at): a metric sample or a security/system event (docs/schema.md). Fixed
 * fields for what every record has or what the metric rules read; {@link #fields} for the ECS
 * security fields and unknown fields, keyed by their dotted name.
 */
public class LogEvent {
    /**
     * The names {@link #field} answers from the fixed fields rather than from {@link #fields}:
     * exactly the cases of its switch (LogEventTest holds the two together), for whoever needs
     * the list (the rule validator's known fields).
     */
    public static final Set<String> FIXED_FIELDS = Set.of(
            Fields.TIMESTAMP,
            Fields.HOST,
            Fields.KIND,
            Fields.SEVERITY,
            Fields.MESSAGE,
            Fields.TOPIC,
            Fields.CPU_USAGE,
            "memory_usage.used",
            "memory_usage.total",
            "memory_usage.percentage",
            "network.in_bytes_per_sec",
            "network.out_bytes_per_sec");

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

    /** Single-event rules this event matched (set by detection before indexing); null when none. */
    public List<Threat> threats;

    public LogEvent() {}

    /**
     * A copy that may be changed without touching this event: its own field map and threat list
     * (their values are immutable). LogEventTest checks that it copies every field, so a field
     * added here is copied too.
     */
    public LogEvent copy() {
        LogEvent c = new LogEvent();
        c.id = id;
        c.topic = topic;
        c.partition = partition;
        c.offset = offset;
        c.timestamp = timestamp;
        c.ingested = ingested;
        c.host = host;
        c.kind = kind;
        c.severity = severity;
        c.message = message;
        c.cpuUsage = cpuUsage;
        c.memoryUsed = memoryUsed;
        c.memoryTotal = memoryTotal;
        c.memoryPercentage = memoryPercentage;
        c.networkIn = networkIn;
        c.networkOut = networkOut;
        c.fields = new LinkedHashMap<>(fields);
        c.threats = threats == null ? null : new ArrayList<>(threats);
        return c;
    }

    public boolean isMetric() {
        return Fields.KIND_METRIC.equals(kind);
    }

    /**
     * The value of a field by its stored (dotted) name, as rules see it: {@code host},
     * {@code cpu_usage}, {@code memory_usage.percentage}, {@code user.name}, ... ; null when absent.
     * A switch rather than a lookup in {@link #FIXED_FIELDS}: rules call this for every event;
     * a case added here belongs there too.
     */
    public Object field(String name) {
        switch (name) {
            case Fields.TIMESTAMP:
                return timestamp;
            case Fields.HOST:
                return host;
            case Fields.KIND:
                return kind;
            case Fields.SEVERITY:
                return severity;
            case Fields.MESSAGE:
                return message;
            case Fields.TOPIC:
                return topic;
            case Fields.CPU_USAGE:
                return cpuUsage;
            case "memory_usage.used":
                return memoryUsed;
            case "memory_usage.total":
                return memoryTotal;
            case "memory_usage.percentage":
                return memoryPercentage;
            case "network.in_bytes_per_sec":
                return networkIn;
            case "network.out_bytes_per_sec":
                return networkOut;
            default:
                return fields.get(name);
        }
    }
}

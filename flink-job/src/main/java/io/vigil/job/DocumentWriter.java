package io.vigil.job;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.common.DeadLetter;
import io.vigil.common.Fields;
import io.vigil.common.JsonDocuments;
import io.vigil.common.LogEvent;
import io.vigil.common.MetricSummary;
import io.vigil.common.Threat;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the stored JSON documents (docs/schema.md) straight to bytes with a streaming
 * generator: no intermediate maps on the hot path.
 */
public final class DocumentWriter {
    private DocumentWriter() {}

    public static byte[] logDocument(LogEvent e) {
        return JsonDocuments.object(512, g -> {
            JsonDocuments.writeTime(g, Fields.TIMESTAMP, e.timestamp);
            g.writeStringField(Fields.HOST, e.host);
            g.writeStringField(Fields.SEVERITY, e.severity);
            g.writeStringField(Fields.KIND, e.kind);
            g.writeStringField(Fields.TOPIC, e.topic);
            if (!MetricSummary.isRendering(e)) {
                g.writeStringField(Fields.MESSAGE, e.message);
            }
            if (e.cpuUsage != null) {
                g.writeNumberField(Fields.CPU_USAGE, e.cpuUsage);
            }
            if (e.memoryUsed != null || e.memoryTotal != null || e.memoryPercentage != null) {
                g.writeObjectFieldStart(Fields.MEMORY_USAGE);
                writeIfPresent(g, Fields.MEMORY_USED, e.memoryUsed);
                writeIfPresent(g, Fields.MEMORY_TOTAL, e.memoryTotal);
                writeIfPresent(g, Fields.MEMORY_PERCENTAGE, e.memoryPercentage);
                g.writeEndObject();
            }
            writeNested(g, e);
            writeThreats(g, e);
            g.writeObjectFieldStart("kafka");
            g.writeNumberField("partition", e.partition);
            g.writeNumberField("offset", e.offset);
            g.writeEndObject();
            Object extra = e.fields.get(Fields.EXTRA);
            if (extra != null) {
                g.writeFieldName(Fields.EXTRA);
                g.writeRawValue(extra.toString());
            }
        });
    }

    /** The single-event rules the event matched (set by detection): threats[] of docs/schema.md. */
    private static void writeThreats(JsonGenerator g, LogEvent e) throws IOException {
        if (e.threats == null || e.threats.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(Fields.THREATS);
        for (Threat threat : e.threats) {
            g.writeStartObject();
            g.writeStringField(Fields.THREAT_RULE_ID, threat.ruleId);
            g.writeStringField(Fields.THREAT_TITLE, threat.title);
            g.writeStringField(Fields.THREAT_SEVERITY, threat.severity);
            JsonDocuments.writeStrings(g, Fields.THREAT_TAGS, threat.tags);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Dotted ECS fields (plus event.ingested and the network rates) grouped into their objects: event, user, source... */
    private static void writeNested(JsonGenerator g, LogEvent e) throws IOException {
        Map<String, Map<String, Object>> groups = new TreeMap<>();
        for (Map.Entry<String, Object> field : e.fields.entrySet()) {
            int dot = field.getKey().indexOf('.');
            if (dot > 0) {
                groups.computeIfAbsent(field.getKey().substring(0, dot), k -> new TreeMap<>())
                        .put(field.getKey().substring(dot + 1), field.getValue());
            }
        }
        groups.computeIfAbsent("event", k -> new TreeMap<>()).put("ingested", JsonDocuments.time(e.ingested));
        // A metric's rates and an event's ECS network fields (network.transport) share one object:
        // written apart, "network" came twice, and Elasticsearch refuses duplicate keys.
        if (e.networkIn != null) {
            groups.computeIfAbsent(Fields.NETWORK, k -> new TreeMap<>()).put(Fields.NET_IN, e.networkIn);
        }
        if (e.networkOut != null) {
            groups.computeIfAbsent(Fields.NETWORK, k -> new TreeMap<>()).put(Fields.NET_OUT, e.networkOut);
        }
        for (Map.Entry<String, Map<String, Object>> group : groups.entrySet()) {
            g.writeObjectFieldStart(group.getKey());
            for (Map.Entry<String, Object> leaf : group.getValue().entrySet()) {
                g.writeFieldName(leaf.getKey());
                writeValue(g, leaf.getValue());
            }
            g.writeEndObject();
        }
    }

    /** A dead letter (docs/schema.md, "Dead letters"); the topic is left out when there is none. */
    public static byte[] deadLetterDocument(DeadLetter d) {
        return JsonDocuments.object(256 + (d.raw == null ? 0 : d.raw.length()), g -> {
            JsonDocuments.writeTime(g, Fields.TIMESTAMP, d.timestamp);
            g.writeStringField(Fields.DLQ_STAGE, d.stage);
            g.writeStringField(Fields.DLQ_REASON, d.reason);
            if (d.topic != null) {
                g.writeStringField(Fields.TOPIC, d.topic);
                g.writeNumberField(Fields.DLQ_PARTITION, d.partition);
                g.writeNumberField(Fields.DLQ_OFFSET, d.offset);
            }
            g.writeStringField(Fields.DLQ_RAW, d.raw == null ? "" : d.raw);
            g.writeStringField(Fields.DLQ_RAW_ENCODING, d.rawEncoding);
        });
    }

    private static void writeIfPresent(JsonGenerator g, String name, Number value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            writeValue(g, value);
        }
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Long || value instanceof Integer) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number) {
            g.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof List) {
            g.writeStartArray();
            for (Object item : (List<?>) value) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(value));
        }
    }
}

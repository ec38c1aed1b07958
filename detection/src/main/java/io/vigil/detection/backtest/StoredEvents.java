package io.vigil.detection.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import io.vigil.common.MetricSummary;
import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.ProtectedFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A stored log document (docs/schema.md) back into the event the job evaluated: the fixed fields,
 * the ECS fields from their nested objects, and the protected fields decrypted (their markers in
 * the message replaced by the values), so a rule reads exactly what it read when the event was
 * live. Without keys, protected fields stay absent: rules testing them cannot match, and the
 * caller says so.
 */
public final class StoredEvents {
    private StoredEvents() {}

    /** @param cipher the field keys' cipher, or null when there are none */
    public static LogEvent fromDocument(String id, JsonNode source, FieldCipher cipher) {
        LogEvent e = new LogEvent();
        e.id = id;
        e.timestamp = Instant.parse(source.path(Fields.TIMESTAMP).asText()).toEpochMilli();
        e.host = text(source, Fields.HOST);
        e.severity = text(source, Fields.SEVERITY);
        e.kind = text(source, Fields.KIND);
        e.topic = text(source, Fields.TOPIC);
        JsonNode message = source.get(Fields.MESSAGE);
        e.partition = source.path("kafka").path("partition").asInt();
        e.offset = source.path("kafka").path("offset").asLong();
        String ingested = source.path("event").path("ingested").asText(null);
        e.ingested = ingested == null ? e.timestamp : Instant.parse(ingested).toEpochMilli();
        if (source.hasNonNull(Fields.CPU_USAGE)) {
            e.cpuUsage = source.get(Fields.CPU_USAGE).asDouble();
        }
        JsonNode memory = source.path(Fields.MEMORY_USAGE);
        e.memoryUsed = memory.hasNonNull(Fields.MEMORY_USED)
                ? memory.get(Fields.MEMORY_USED).asLong()
                : null;
        e.memoryTotal = memory.hasNonNull(Fields.MEMORY_TOTAL)
                ? memory.get(Fields.MEMORY_TOTAL).asLong()
                : null;
        e.memoryPercentage = memory.hasNonNull(Fields.MEMORY_PERCENTAGE)
                ? memory.get(Fields.MEMORY_PERCENTAGE).asDouble()
                : null;
        JsonNode network = source.path(Fields.NETWORK);
        e.networkIn =
                network.hasNonNull(Fields.NET_IN) ? network.get(Fields.NET_IN).asDouble() : null;
        e.networkOut =
                network.hasNonNull(Fields.NET_OUT) ? network.get(Fields.NET_OUT).asDouble() : null;
        // A metric sample's own line is not stored (MetricSummary): rendered back from its numbers.
        e.message = message != null ? message.asText("") : Fields.KIND_METRIC.equals(e.kind) ? MetricSummary.of(e) : "";
        for (String field : Fields.ECS) {
            JsonNode value = at(source, field);
            if (value != null && !value.isNull() && !value.isObject()) {
                e.fields.put(field, value(value));
            }
        }
        if (cipher != null && source.path(ProtectedFields.OBJECT).isObject()) {
            reveal(e, source.path(ProtectedFields.OBJECT), cipher);
        }
        return e;
    }

    /**
     * {@code user.target.name} wherever the document puts its dots: {@code {"user":{"target.name":...}}}
     * (the job groups fields by their first segment only), {@code {"user":{"target":{"name":...}}}}
     * or flat.
     */
    private static JsonNode at(JsonNode node, String dotted) {
        JsonNode direct = node.get(dotted);
        if (direct != null) {
            return direct;
        }
        for (int dot = dotted.indexOf('.'); dot > 0; dot = dotted.indexOf('.', dot + 1)) {
            JsonNode child = node.get(dotted.substring(0, dot));
            if (child != null && child.isObject()) {
                JsonNode found = at(child, dotted.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Object value(JsonNode node) {
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(value(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }

    private static void reveal(LogEvent e, JsonNode stored, FieldCipher cipher) {
        for (Iterator<Map.Entry<String, JsonNode>> it = stored.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getKey().startsWith(ProtectedFields.CIPHER)) {
                continue;
            }
            String field = entry.getKey().substring(ProtectedFields.CIPHER.length());
            try {
                if (entry.getValue().isArray()) {
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < entry.getValue().size(); i++) {
                        String clear =
                                cipher.decrypt(field, entry.getValue().get(i).asText());
                        values.add(clear);
                        e.message = e.message.replace(ProtectedFields.marker(field, i), clear);
                    }
                    e.fields.put(field, values);
                } else {
                    String clear = cipher.decrypt(field, entry.getValue().asText());
                    e.fields.put(field, clear);
                    e.message = e.message.replace(ProtectedFields.marker(field), clear);
                }
            } catch (IllegalArgumentException keyMissing) {
                // a key this run does not have: the field stays absent, as without keys
            }
        }
    }

    private static String text(JsonNode source, String field) {
        JsonNode node = source.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}

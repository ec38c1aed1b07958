package io.vigil.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import io.vigil.common.MetricSummary;
import io.vigil.common.Severity;
import io.vigil.job.parse.IsoDateTimes;
import io.vigil.job.parse.LineFormat;
import io.vigil.job.parse.LineFormats;
import io.vigil.job.parse.SecurityFields;
import io.vigil.job.parse.SourceAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one raw Kafka record into a {@link LogEvent}, or rejects it with a reason. The format is
 * detected per record: a JSON object (metric sample or security event, CONTRACT.md) is read here;
 * any other text is a line, read by the first of the {@link LineFormat}s that recognises it
 * ({@link LineFormats#defaults}: syslog, audit.log, else kept whole as {@code message}).
 */
public class RecordParser {
    /** Earliest event time accepted; anything before is a broken clock or a unit mix-up. */
    static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    /** How far ahead of the Kafka record time an event may claim to be. */
    static final long MAX_FUTURE_MILLIS = 24L * 3600 * 1000;
    /** Epoch numbers below this are seconds, above it milliseconds (1e11 s is year 5138). */
    private static final long SECONDS_LIMIT = 100_000_000_000L;
    /**
     * Longest host name kept, in UTF-8 bytes: DNS's limit. Longer ones are cut, so that no record
     * can make a per-host key (state, rollup ids) of a megabyte.
     */
    static final int MAX_HOST_BYTES = 255;
    /**
     * Largest network rate accepted, bytes/s (8 exabit/s): above it a minute of samples could sum
     * to infinity in the rollups, which no document can hold.
     */
    static final double MAX_RATE = 1e18;
    /** How much of a message the security-message patterns read (see {@link SecurityFields}). */
    static final int MAX_GROK_CHARS = SecurityFields.MAX_GROK_CHARS;

    private static final Set<String> RESERVED = Set.of(
            "timestamp",
            "@timestamp",
            Fields.HOST,
            Fields.MESSAGE,
            Fields.SEVERITY,
            Fields.CPU_USAGE,
            Fields.MEMORY_USAGE,
            Fields.NETWORK);

    /**
     * Every object path that leads to a security field ("user", "user.target", "process.parent"...):
     * a JSON object is flattened when its path is one. A set, because the question is asked for
     * every object of every JSON record: scanning every field name for one that starts with the
     * path made parsing a JSON event of three objects 1,230-1,336 ns instead of 1,155-1,162 (JMH
     * {@code ParseBenchmarks}, JSON_EVENT, two interleaved pairs; JSON_METRIC unchanged).
     */
    private static final Set<String> ECS_PREFIXES = ecsPrefixes();

    /** The host of a line that names none (docs/schema.md). */
    public static final String UNKNOWN_HOST = "unknown";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final int maxRecordBytes;
    /** An array, not a list: the loop over it runs for every text record and allocates nothing. */
    private final LineFormat[] lineFormats;

    /**
     * A parser of the default line formats.
     *
     * @param syslogZone zone of RFC 3164 timestamps, which carry none
     */
    public RecordParser(int maxRecordBytes, ZoneId syslogZone) {
        this(maxRecordBytes, LineFormats.defaults(syslogZone));
    }

    /**
     * A parser of these line formats, tried in this order. A text record none of them takes is
     * rejected, so the list normally ends with a format that takes every line (as the default's
     * {@link io.vigil.job.parse.PlainLineFormat} does).
     */
    public RecordParser(int maxRecordBytes, List<LineFormat> lineFormats) {
        this.maxRecordBytes = maxRecordBytes;
        this.lineFormats = lineFormats.toArray(new LineFormat[0]);
    }

    /**
     * {@link #parse}, where any unchecked exception (or a stack overflow) the record causes is a
     * rejection too ({@link RejectedRecordException#unexpected}): what the job calls, so that no
     * record, whatever a parser defect it hits, can fail the job and loop it through restarts.
     */
    public LogEvent parseOrReject(RawRecord record, long now) throws RejectedRecordException {
        try {
            return parse(record, now);
        } catch (RuntimeException | StackOverflowError e) {
            throw RejectedRecordException.unexpected(e);
        }
    }

    public LogEvent parse(RawRecord record, long now) throws RejectedRecordException {
        record.fieldsFailure = null;
        if (record.value.length > maxRecordBytes) {
            throw new RejectedRecordException(
                    "record of " + record.value.length + " bytes is over the limit of " + maxRecordBytes + " bytes");
        }
        String text = io.vigil.common.DeadLetter.strictUtf8(record.value);
        if (text == null) {
            throw new RejectedRecordException("not valid UTF-8");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new RejectedRecordException("empty record");
        }
        LogEvent event = new LogEvent();
        event.id = record.documentId();
        event.topic = record.topic;
        event.partition = record.partition;
        event.offset = record.offset;
        event.ingested = now;
        if (trimmed.charAt(0) == '{') {
            fromJson(trimmed, record, event);
        } else {
            fromText(trimmed, record, event);
        }
        SourceAddress.complete(event.fields);
        event.host = cutToBytes(event.host, MAX_HOST_BYTES);
        return event;
    }

    /** The text, or its longest prefix of whole characters that fits {@code maxBytes} of UTF-8. */
    static String cutToBytes(String text, int maxBytes) {
        if (text.length() * 3L <= maxBytes) {
            return text; // fits even if every char took three bytes (a surrogate pair takes four for two)
        }
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                return text.substring(0, i);
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text;
    }

    private void fromText(String line, RawRecord record, LogEvent event) throws RejectedRecordException {
        event.kind = Fields.KIND_EVENT;
        for (LineFormat format : lineFormats) {
            if (format.read(line, record, event)) {
                return;
            }
        }
        throw new RejectedRecordException("no line format reads the record");
    }

    /** The line states its time: the event's time, unless out of range (then the record is rejected). */
    public static void statedTime(LogEvent event, long millis, RawRecord record) throws RejectedRecordException {
        event.timestamp = checkRange(millis, record.kafkaTimestamp);
    }

    /** The record carries no time Vigil can read: Kafka's receive time stands in, and the event says so. */
    public static void receivedTime(LogEvent event, RawRecord record) {
        event.timestamp = record.kafkaTimestamp;
        event.fields.put(Fields.TIMESTAMP_SOURCE, Fields.TIMESTAMP_RECEIVED);
    }

    private void fromJson(String text, RawRecord record, LogEvent event) throws RejectedRecordException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RejectedRecordException(JsonErrorReason.of(e));
        }
        if (!(root instanceof ObjectNode)) {
            throw new RejectedRecordException("JSON record is not an object");
        }
        event.timestamp = timestamp(root, record.kafkaTimestamp);
        JsonNode time = root.has("timestamp") ? root.get("timestamp") : root.get("@timestamp");
        if (time == null || time.isNull()) {
            event.fields.put(Fields.TIMESTAMP_SOURCE, Fields.TIMESTAMP_RECEIVED);
        }
        event.host = host(root);
        // A network object makes a metric sample only with rates in it: an event's ECS network
        // object ({"network":{"transport":"tcp"}}) does not.
        JsonNode network = root.get(Fields.NETWORK);
        boolean networkRates = network != null
                && !network.isNull()
                && (!network.isObject() || network.has(Fields.NET_IN) || network.has(Fields.NET_OUT));
        boolean metric = root.has(Fields.CPU_USAGE) || root.has(Fields.MEMORY_USAGE) || networkRates;
        event.kind = metric ? Fields.KIND_METRIC : Fields.KIND_EVENT;
        if (metric) {
            metrics(root, event);
        }
        event.severity = severity(root).name();
        JsonNode message = root.get(Fields.MESSAGE);
        event.message = message != null && !message.isNull() ? message.asText() : metric ? MetricSummary.of(event) : "";
        ObjectNode extra = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            if (Fields.NETWORK.equals(field.getKey()) && field.getValue().isObject()) {
                // the rates were read by metrics(); the rest (transport, ...) is ECS like any field
                field.getValue().fields().forEachRemaining(child -> {
                    if (!child.getKey().equals(Fields.NET_IN) && !child.getKey().equals(Fields.NET_OUT)) {
                        flatten(Fields.NETWORK + "." + child.getKey(), child.getValue(), event, extra);
                    }
                });
            } else if (!RESERVED.contains(field.getKey())) {
                flatten(field.getKey(), field.getValue(), event, extra);
            }
        }
        if (extra.size() > 0) {
            event.fields.put(Fields.EXTRA, extra.toString());
        }
    }

    /** ECS fields, nested or dotted, go to {@code fields}; anything else is kept in {@code extra}. */
    private static void flatten(String name, JsonNode value, LogEvent event, ObjectNode extra) {
        if (value.isObject() && isEcsPrefix(name)) {
            value.fields()
                    .forEachRemaining(child -> flatten(name + "." + child.getKey(), child.getValue(), event, extra));
        } else if (Fields.ECS.contains(name) && (value.isValueNode() || value.isArray())) {
            if (!value.isNull()) {
                event.fields.put(name, scalar(value));
            }
        } else {
            extra.set(name, value);
        }
    }

    /** Whether some security field's name starts with {@code name + "."}. */
    static boolean isEcsPrefix(String name) {
        return ECS_PREFIXES.contains(name);
    }

    private static Set<String> ecsPrefixes() {
        Set<String> prefixes = new java.util.HashSet<>();
        for (String ecs : Fields.ECS) {
            for (int dot = ecs.indexOf('.'); dot >= 0; dot = ecs.indexOf('.', dot + 1)) {
                prefixes.add(ecs.substring(0, dot));
            }
        }
        return Set.copyOf(prefixes);
    }

    private static Object scalar(JsonNode value) {
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(v -> list.add(v.isValueNode() ? scalar(v) : v.toString()));
            return list;
        }
        // Beyond a long or a double, a number is kept as written (as text) rather than wrapped
        // into another number or made infinite, which no JSON document can hold.
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.asLong() : value.asText();
        }
        if (value.isNumber()) {
            return Double.isFinite(value.asDouble()) ? (Object) value.asDouble() : value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asText();
    }

    private static long timestamp(JsonNode root, long kafkaTimestamp) throws RejectedRecordException {
        JsonNode node = root.has("timestamp") ? root.get("timestamp") : root.get("@timestamp");
        long millis;
        if (node == null || node.isNull()) {
            // Producers that omit the time get the time Kafka stamped on the record.
            millis = kafkaTimestamp;
        } else if (node.isNumber()) {
            if (!node.canConvertToLong()) {
                throw new RejectedRecordException("timestamp out of range: " + abbreviate(node.asText()));
            }
            long n = node.asLong();
            millis = Math.abs(n) < SECONDS_LIMIT ? n * 1000 : n;
        } else if (node.isTextual()) {
            millis = parseTime(node.asText());
        } else {
            throw new RejectedRecordException("timestamp must be ISO-8601 text or epoch millis");
        }
        return checkRange(millis, kafkaTimestamp);
    }

    private static long checkRange(long millis, long kafkaTimestamp) throws RejectedRecordException {
        long ceiling = Math.max(kafkaTimestamp, 0) + MAX_FUTURE_MILLIS;
        if (millis < EARLIEST || millis > ceiling) {
            throw new RejectedRecordException("timestamp out of range: " + Instant.ofEpochMilli(millis));
        }
        return millis;
    }

    static long parseTime(String text) throws RejectedRecordException {
        Long millis = IsoDateTimes.epochMillis(text);
        if (millis == null) {
            throw new RejectedRecordException("unparseable timestamp: " + abbreviate(text));
        }
        return millis;
    }

    private static String host(JsonNode root) throws RejectedRecordException {
        JsonNode host = root.get(Fields.HOST);
        if (host != null && host.isObject()) {
            host = host.get("name"); // ECS style: host.name
        }
        if (host == null || !host.isTextual() || host.asText().isBlank()) {
            throw new RejectedRecordException("missing or non-text field host");
        }
        return host.asText().strip();
    }

    private static void metrics(JsonNode root, LogEvent event) throws RejectedRecordException {
        JsonNode cpu = root.get(Fields.CPU_USAGE);
        if (cpu != null && !cpu.isNull()) {
            event.cpuUsage = percentage(cpu, Fields.CPU_USAGE);
        }
        JsonNode memory = root.get(Fields.MEMORY_USAGE);
        if (memory != null && !memory.isNull()) {
            if (!memory.isObject()) {
                throw new RejectedRecordException("memory_usage must be an object {used,total,percentage}");
            }
            event.memoryUsed = bytes(memory.get(Fields.MEMORY_USED), "memory_usage.used");
            event.memoryTotal = bytes(memory.get(Fields.MEMORY_TOTAL), "memory_usage.total");
            JsonNode pct = memory.get(Fields.MEMORY_PERCENTAGE);
            if (pct != null && !pct.isNull()) {
                event.memoryPercentage = percentage(pct, "memory_usage.percentage");
            } else if (event.memoryUsed != null && event.memoryTotal != null && event.memoryTotal > 0) {
                event.memoryPercentage = Math.round(event.memoryUsed * 10000.0 / event.memoryTotal) / 100.0;
            }
            if (event.memoryUsed != null && event.memoryTotal != null && event.memoryUsed > event.memoryTotal) {
                throw new RejectedRecordException("memory_usage.used is larger than memory_usage.total");
            }
        }
        JsonNode network = root.get(Fields.NETWORK);
        if (network != null && !network.isNull()) {
            if (!network.isObject()) {
                throw new RejectedRecordException("network must be an object");
            }
            event.networkIn = rate(network.get(Fields.NET_IN), "network." + Fields.NET_IN);
            event.networkOut = rate(network.get(Fields.NET_OUT), "network." + Fields.NET_OUT);
        }
    }

    private static double percentage(JsonNode node, String field) throws RejectedRecordException {
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 100 || !Double.isFinite(node.asDouble())) {
            throw new RejectedRecordException(
                    field + " must be a number from 0 to 100, got " + abbreviate(node.toString()));
        }
        return node.asDouble();
    }

    private static Long bytes(JsonNode node, String field) throws RejectedRecordException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < 0 || !node.canConvertToLong()) {
            throw new RejectedRecordException(
                    field + " must be a non-negative number of bytes below 2^63, got " + abbreviate(node.toString()));
        }
        return node.asLong();
    }

    private static Double rate(JsonNode node, String field) throws RejectedRecordException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < 0 || !(node.asDouble() <= MAX_RATE)) {
            throw new RejectedRecordException(
                    field + " must be a number from 0 to 1e18 (bytes/s), got " + abbreviate(node.toString()));
        }
        return node.asDouble();
    }

    private static Severity severity(JsonNode root) {
        JsonNode level = root.has(Fields.SEVERITY)
                ? root.get(Fields.SEVERITY)
                : root.path("log").get("level");
        if (level == null || level.isNull()) {
            return Severity.LOW;
        }
        String text = level.asText();
        return Severity.parse(text).orElseGet(() -> Severity.fromSyslogLevel(text));
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}

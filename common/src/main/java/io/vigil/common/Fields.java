package io.vigil.common;

/**
 * Field names of the stored documents (see docs/schema.md). The job writes them, the query
 * service filters on them: one place for both.
 */
public final class Fields {
    public static final String TIMESTAMP = "timestamp";
    public static final String HOST = "host";
    public static final String SEVERITY = "severity";
    public static final String KIND = "kind";
    public static final String TOPIC = "topic";
    public static final String MESSAGE = "message";
    public static final String CPU_USAGE = "cpu_usage";
    public static final String MEMORY_USAGE = "memory_usage";
    public static final String MEMORY_USED = "used";
    public static final String MEMORY_TOTAL = "total";
    public static final String MEMORY_PERCENTAGE = "percentage";
    public static final String NETWORK = "network";
    public static final String NET_IN = "in_bytes_per_sec";
    public static final String NET_OUT = "out_bytes_per_sec";
    public static final String THREATS = "threats";
    /** The fields of one entry of {@link #THREATS}, the rule an event matched: its id, title, severity, tags. */
    public static final String THREAT_RULE_ID = "rule_id";

    public static final String THREAT_TITLE = "title";
    public static final String THREAT_SEVERITY = "severity";
    public static final String THREAT_TAGS = "tags";
    public static final String EVENT_INGESTED = "event.ingested";
    /**
     * Where {@link #TIMESTAMP} came from when it is not the record's own time: absent when the
     * record carried a time Vigil read; {@link #TIMESTAMP_RECEIVED} when it carried none (or none
     * Vigil could read) and the time is when Kafka received the record (docs/schema.md).
     */
    public static final String TIMESTAMP_SOURCE = "event.timestamp_source";

    public static final String TIMESTAMP_RECEIVED = "received";
    public static final String KAFKA_PARTITION = "kafka.partition";
    public static final String KAFKA_OFFSET = "kafka.offset";

    /** Where unknown input fields are kept: stored in _source, never indexed (docs/schema.md). */
    public static final String EXTRA = "extra";

    /**
     * The security fields Vigil indexes, by dotted name: ECS names, plus {@code auditd.*} and
     * {@code iptables.*} for what ECS has no name for (docs/schema.md). Anything else a producer
     * sends is kept under {@link #EXTRA}, so no input can clash with the index mapping.
     */
    public static final java.util.Set<String> ECS = java.util.Set.of(
            "user.name",
            "user.target.name",
            "group.name",
            "source.address",
            "source.ip",
            "source.domain",
            "source.port",
            "destination.ip",
            "destination.port",
            "network.transport",
            "process.name",
            "process.pid",
            "process.command_line",
            "process.executable",
            "process.args",
            "process.parent.name",
            "process.parent.executable",
            "process.parent.command_line",
            "event.category",
            "event.action",
            "event.outcome",
            TIMESTAMP_SOURCE,
            // where an event comes from and what it is (ECS): what a rule's logsource selects on
            "event.module",
            "event.dataset",
            "event.type",
            "service.name",
            "file.path",
            "file.hash.sha256",
            "url.domain",
            "url.original",
            "url.path",
            "url.query",
            "http.request.method",
            "http.request.referrer",
            "http.response.status_code",
            "user_agent.original",
            "x509.serial_number",
            "auditd.type",
            "auditd.key",
            "auditd.syscall",
            "auditd.args",
            "auditd.nametype",
            "iptables.tcp.flags",
            "threat.indicator.type",
            "threat.indicator.value",
            "threat.indicator.list",
            "asset.owner",
            "asset.environment",
            "asset.criticality",
            "asset.group");

    /**
     * Fields of a dead letter ({@code PREFIX-dlq}, {@link DeadLetter}) beside {@link #TIMESTAMP}
     * and {@link #TOPIC}: the stage that gave up, its reason, the Kafka position and the raw content.
     */
    public static final String DLQ_STAGE = "stage";

    public static final String DLQ_REASON = "reason";
    public static final String DLQ_PARTITION = "partition";
    public static final String DLQ_OFFSET = "offset";
    public static final String DLQ_RAW = "raw";
    public static final String DLQ_RAW_ENCODING = "raw_encoding";

    /** Values of {@link #KIND}. */
    public static final String KIND_METRIC = "metric";

    public static final String KIND_EVENT = "event";

    private Fields() {}
}

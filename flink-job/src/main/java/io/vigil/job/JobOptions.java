package io.vigil.job;

import io.vigil.common.Durations;
import io.vigil.common.Indices;
import io.vigil.common.Topics;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.utils.ParameterTool;

/**
 * The job's options, given as program arguments ({@code --kafka.bootstrap host:9092 ...}).
 * Each constant names an option; {@link #DEFAULTS} holds the defaults, the one place they are
 * written in code (README.md's table says the same, held to it by JobOptionsReadmeTest).
 * Cluster settings (state backend, checkpoint directory, restart strategy) are not options:
 * they belong to the cluster's flink-conf.
 */
public final class JobOptions implements Serializable {
    /** Kafka bootstrap servers. */
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
    /** Consumer group; offsets are committed on checkpoints. */
    public static final String KAFKA_GROUP = "kafka.group";
    /** Topic of metric samples. */
    public static final String TOPIC_METRICS = "topic.metrics";
    /** Topic of security logs. */
    public static final String TOPIC_THREATS = "topic.threats";
    /** Elasticsearch HTTP addresses, comma separated. */
    public static final String ES_HOSTS = "es.hosts";
    /** Prefix of every index name. */
    public static final String INDEX_PREFIX = "es.index-prefix";
    /**
     * Bulk request size in actions. Large by default because each sink writer has one bulk in
     * flight (BackgroundBulks) and Elasticsearch writes one bulk of a one-shard index on one thread, so its per-bulk
     * cost is paid per 5,000 documents (the bench's one-thread bulk ceiling: 5000 about 1.7x 1000).
     */
    public static final String BULK_MAX_ACTIONS = "es.bulk.max-actions";
    /** Longest wait before a partial bulk is sent. */
    public static final String BULK_INTERVAL = "es.bulk.interval";
    /**
     * Longest wait before a partial bulk of alerts (rule and anomaly alerts) is sent: alerts are
     * few, and their latency is the product's ("attack to alert").
     */
    public static final String ALERTS_BULK_INTERVAL = "es.alerts.bulk.interval";
    /**
     * After an alert's first emission (written at once), at most one update of it per this
     * interval: the newest ({@link AlertUpdates}). {@code 0s} writes every update.
     */
    public static final String ALERTS_UPDATE_INTERVAL = "alerts.update-interval";
    /**
     * Whether every normalized event is indexed. {@code false} keeps detection, rollups, alerts
     * and dead letters but stores no raw events (the benchmark's detection-only rate).
     */
    public static final String INDEX_LOGS = "es.index-logs";
    /** Refresh interval of new daily log indices (search/live-tail latency vs ingest rate). */
    public static final String LOGS_REFRESH = "es.logs-refresh";
    /**
     * Primary shards of new daily log indices: 1 for one node; about one per node on a cluster,
     * since each shard's writes go through one node (docs/scaling.md).
     */
    public static final String LOGS_SHARDS = "es.logs-shards";
    /** Stored-field codec of new daily log indices: {@code best_compression} (smaller) or {@code default} (LZ4). */
    public static final String LOGS_CODEC = "es.logs-codec";
    /** Directory of detection rules. */
    public static final String RULES_PATH = "rules.path";
    /** Bounded out-of-orderness of event time. */
    public static final String OUT_OF_ORDERNESS = "event-time.out-of-orderness";
    /**
     * A partition silent this long no longer holds event time back: its watermark follows the
     * wall clock (see PartitionWatermarks).
     */
    public static final String IDLENESS = "event-time.idleness";
    /**
     * How long after an input reached its rule's operator an earlier input of the same group is
     * still put in its place (the bound of "same events, same alerts": one partition may lag
     * another by this much of arrival time). Raise it for backfills that deliver partitions far
     * apart.
     */
    public static final String REORDER_WINDOW = "detection.reorder-window";
    /** Most inputs one rule group keeps waiting within the reorder window. */
    public static final String HISTORY_CAP = "detection.history-cap";
    /**
     * Checkpoint interval; the ES sink flushes on every checkpoint. A minute by default: the heap
     * state backend writes all state on each checkpoint, and the rule operators hold every input of
     * the reorder window (5 minutes of arrival), so each input is written window / interval times:
     * 30 at 10s, the largest Flink cost in the bench (issue 18). Recovery replays up to one interval
     * of Kafka, which the sinks' deterministic ids make harmless.
     */
    public static final String CHECKPOINT_INTERVAL = "checkpoint.interval";
    /** Records larger than this go to the dead-letter index. */
    public static final String MAX_RECORD_BYTES = "max.record.bytes";
    /**
     * Owner-only properties file with the Kafka and Elasticsearch credentials (see JobSecrets);
     * secrets never go into program arguments, which Flink shows in its UI.
     */
    public static final String SECRETS_FILE = "secrets.file";

    /**
     * Keys file of field protection (properties, mode 0600, see FieldKeys), on every TaskManager.
     * Without it, VIGIL_FIELD_KEYS_FILE / VIGIL_FIELD_KEYS from the TaskManager's
     * environment. Needed when protection.yml encrypts fields; redaction markers carry a keyed
     * hash only with keys.
     */
    public static final String PROTECT_KEYS_FILE = "protect.keys-file";
    /**
     * The rule set version (SHA-256, {@code ./vigil rules version}) the submitter validated: the job
     * refuses to start when the rules it finds at {@code rules.path} are another version. Set by
     * {@code ./vigil rules deploy}. Without it, no check.
     */
    public static final String RULES_VERSION = "rules.version";
    /** How often the asset inventory and intel lists are checked for changes. */
    public static final String RULES_RELOAD = "rules.reload-interval";
    /** Zone of RFC 3164 syslog timestamps, which carry none. */
    public static final String SYSLOG_ZONE = "syslog.zone";
    /** Most records one Kafka poll returns. */
    public static final String KAFKA_MAX_POLL_RECORDS = "kafka.max-poll-records";
    /** Most bytes one Kafka fetch returns. */
    public static final String KAFKA_FETCH_MAX_BYTES = "kafka.fetch-max-bytes";

    private static final long serialVersionUID = 1L;

    /** Every option's default; an option missing here has none. */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(KAFKA_BOOTSTRAP, "localhost:9092"),
            Map.entry(KAFKA_GROUP, "vigil"),
            Map.entry(TOPIC_METRICS, Topics.METRICS),
            Map.entry(TOPIC_THREATS, Topics.THREATS),
            Map.entry(ES_HOSTS, "http://localhost:9200"),
            Map.entry(INDEX_PREFIX, Indices.DEFAULT_PREFIX),
            Map.entry(BULK_MAX_ACTIONS, "5000"),
            Map.entry(BULK_INTERVAL, "1s"),
            Map.entry(ALERTS_BULK_INTERVAL, "100ms"),
            Map.entry(ALERTS_UPDATE_INTERVAL, "5s"),
            Map.entry(INDEX_LOGS, "true"),
            Map.entry(LOGS_REFRESH, io.vigil.common.IndexTemplates.DEFAULT_LOGS_REFRESH),
            Map.entry(LOGS_SHARDS, "1"),
            Map.entry(LOGS_CODEC, io.vigil.common.IndexTemplates.DEFAULT_LOGS_CODEC),
            Map.entry(RULES_PATH, "rules"),
            Map.entry(OUT_OF_ORDERNESS, "5s"),
            Map.entry(IDLENESS, "30s"),
            Map.entry(REORDER_WINDOW, "5min"),
            Map.entry(HISTORY_CAP, "10000"),
            Map.entry(CHECKPOINT_INTERVAL, "1min"),
            Map.entry(RULES_RELOAD, "5s"),
            Map.entry(SYSLOG_ZONE, "UTC"),
            Map.entry(KAFKA_MAX_POLL_RECORDS, "2000"),
            Map.entry(KAFKA_FETCH_MAX_BYTES, "52428800"), // Kafka's own
            Map.entry(MAX_RECORD_BYTES, "1048576"));

    private final Map<String, String> values;

    private JobOptions(Map<String, String> values) {
        this.values = values;
    }

    public static JobOptions fromArgs(String... args) {
        return new JobOptions(ParameterTool.fromArgs(args).toMap());
    }

    public static JobOptions of(Map<String, String> values) {
        return new JobOptions(Map.copyOf(values));
    }

    private String get(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? DEFAULTS.get(key) : value.trim();
    }

    /** Durations in the one grammar of every Vigil file ({@link Durations}), named by option when wrong. */
    private Duration duration(String key) {
        try {
            return Durations.parse(get(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + key + ": " + e.getMessage(), e);
        }
    }

    public String kafkaBootstrap() {
        return get(KAFKA_BOOTSTRAP);
    }

    public String kafkaGroup() {
        return get(KAFKA_GROUP);
    }

    public List<String> topics() {
        return List.of(get(TOPIC_METRICS), get(TOPIC_THREATS));
    }

    public List<String> esHosts() {
        List<String> hosts = new ArrayList<>();
        for (String host : get(ES_HOSTS).split(",")) {
            if (!host.isBlank()) {
                hosts.add(host.trim());
            }
        }
        return hosts;
    }

    public String indexPrefix() {
        return new Indices(get(INDEX_PREFIX)).prefix();
    }

    public int bulkMaxActions() {
        return Integer.parseInt(get(BULK_MAX_ACTIONS));
    }

    public Duration bulkInterval() {
        return duration(BULK_INTERVAL);
    }

    public Duration alertsBulkInterval() {
        return duration(ALERTS_BULK_INTERVAL);
    }

    public Duration alertsUpdateInterval() {
        return duration(ALERTS_UPDATE_INTERVAL);
    }

    public boolean indexLogs() {
        return Boolean.parseBoolean(get(INDEX_LOGS));
    }

    /** How new daily log indices are laid out ({@link #LOGS_REFRESH}, {@link #LOGS_SHARDS}, {@link #LOGS_CODEC}). */
    public io.vigil.common.IndexTemplates.LogIndices logIndices() {
        return new io.vigil.common.IndexTemplates.LogIndices(
                get(LOGS_REFRESH), Integer.parseInt(get(LOGS_SHARDS)), get(LOGS_CODEC));
    }

    /** The keys file, or null for the TaskManager's environment. */
    public String protectKeysFile() {
        return get(PROTECT_KEYS_FILE);
    }

    public String rulesPath() {
        return get(RULES_PATH);
    }

    /** The rule set version the submitter expects, or null. */
    public String rulesVersion() {
        return get(RULES_VERSION);
    }

    /** Every option as given: the job records them as its global job parameters (Flink UI, REST). */
    public Map<String, String> values() {
        return values;
    }

    public Duration outOfOrderness() {
        return duration(OUT_OF_ORDERNESS);
    }

    public Duration idleness() {
        return duration(IDLENESS);
    }

    public io.vigil.detection.runtime.DetectionSettings detectionSettings() {
        return new io.vigil.detection.runtime.DetectionSettings(
                duration(REORDER_WINDOW), Integer.parseInt(get(HISTORY_CAP)));
    }

    public Duration checkpointInterval() {
        return duration(CHECKPOINT_INTERVAL);
    }

    public Duration rulesReload() {
        return duration(RULES_RELOAD);
    }

    public java.time.ZoneId syslogZone() {
        return java.time.ZoneId.of(get(SYSLOG_ZONE));
    }

    public String kafkaMaxPollRecords() {
        return String.valueOf(Integer.parseInt(get(KAFKA_MAX_POLL_RECORDS)));
    }

    public String kafkaFetchMaxBytes() {
        return String.valueOf(Integer.parseInt(get(KAFKA_FETCH_MAX_BYTES)));
    }

    /** The secrets file, or null when the job needs no credentials. */
    public String secretsFile() {
        return get(SECRETS_FILE);
    }

    public int maxRecordBytes() {
        return Integer.parseInt(get(MAX_RECORD_BYTES));
    }
}

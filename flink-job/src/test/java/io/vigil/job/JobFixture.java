package io.vigil.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.embedded.ElasticsearchHttp;
import io.vigil.embedded.Polling;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One test's slice of the shared services: its own topics, consumer group and index prefix,
 * and the production job wiring (Kafka source, Elasticsearch sinks, templates) running in the
 * test's MiniCluster.
 */
final class JobFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** RFC 3164's timestamp, as syslog shippers write it (no year, day padded with a space), in UTC. */
    static final DateTimeFormatter SYSLOG_TIME =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    final Services services;
    final String name;
    final String metrics;
    final String threats;
    final JobOptions options;
    final ElasticsearchHttp es;
    /** This test's field keys (0600). */
    final java.nio.file.Path keysFile;

    JobFixture(Services services, String name, Map<String, String> extraOptions) throws Exception {
        this(services, name, 2, extraOptions);
    }

    JobFixture(Services services, String name, int partitions, Map<String, String> extraOptions) throws Exception {
        this.services = services;
        this.name = name;
        this.metrics = name + "-metrics";
        this.threats = name + "-threats";
        services.kafka.createTopics(List.of(metrics, threats), partitions);
        Map<String, String> values = new HashMap<>(Map.of(
                JobOptions.KAFKA_BOOTSTRAP,
                services.kafka.bootstrap(),
                JobOptions.KAFKA_GROUP,
                name,
                JobOptions.TOPIC_METRICS,
                metrics,
                JobOptions.TOPIC_THREATS,
                threats,
                JobOptions.ES_HOSTS,
                services.elasticsearch.url(),
                JobOptions.INDEX_PREFIX,
                name,
                JobOptions.CHECKPOINT_INTERVAL,
                "1s",
                JobOptions.BULK_INTERVAL,
                "200ms",
                JobOptions.RULES_PATH,
                "../rules"));
        // The shipped protection.yml encrypts fields, which needs keys: every job test runs the
        // way production does, with field encryption on.
        this.keysFile = services.dir.resolve("keys").resolve(name + ".properties");
        io.vigil.common.protect.FieldKeys.createIfAbsent(keysFile);
        values.put(JobOptions.PROTECT_KEYS_FILE, keysFile.toString());
        // Watermarks are per partition; a test that leaves a partition empty should not wait the
        // production 30 s before that partition stops holding event time back.
        values.put(JobOptions.IDLENESS, "3s");
        values.putAll(extraOptions);
        this.options = JobOptions.of(values);
        this.es = new ElasticsearchHttp(services.elasticsearch.url());
    }

    String logs() {
        return name + "-logs";
    }

    String deadLetters() {
        return name + "-dlq";
    }

    /** Starts the job as VigilJob.main wires it, in the MiniCluster of the calling test. */
    JobClient start() throws Exception {
        return start(0, null);
    }

    /**
     * Starts the job at a parallelism (0: the cluster's default), from a savepoint when one is
     * given, as a resubmission from a savepoint would.
     */
    JobClient start(int parallelism, String savepoint) throws Exception {
        IndexTemplateInstaller.install(options.esHosts(), options.indexPrefix(), options.logIndices());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        new VigilJob(options, Connectors.kafkaSource(options), JobSinks.elasticsearch(options)).build(env);
        org.apache.flink.streaming.api.graph.StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(
                    org.apache.flink.runtime.jobgraph.SavepointRestoreSettings.forPath(savepoint));
        }
        return env.executeAsync(graph);
    }

    KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka.bootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props);
    }

    /** Polls the alerts matching a Lucene query until the condition holds (or 90 s pass); id → source. */
    Map<String, JsonNode> awaitAlerts(String query, Predicate<Map<String, JsonNode>> done)
            throws IOException, InterruptedException {
        return Polling.until(Duration.ofSeconds(90), () -> alerts(query), done);
    }

    /**
     * Waits until no alert has changed for {@code quiet} plus the job's alert update interval (an
     * update may be held that long, see AlertUpdates), at most {@code limit}; returns how many
     * alerts there are. The documents are compared, not their number: a held count update must
     * have landed too.
     */
    long awaitSettledAlerts(Duration quiet, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long settle = quiet.plus(options.alertsUpdateInterval()).toNanos();
        Map<String, JsonNode> alerts = alerts("*");
        long since = System.nanoTime();
        while (System.nanoTime() - since < settle && System.nanoTime() < deadline) {
            Thread.sleep(250);
            Map<String, JsonNode> now = alerts("*");
            if (!now.equals(alerts)) {
                alerts = now;
                since = System.nanoTime();
            }
        }
        return alerts.size();
    }

    /** The alerts matching a Lucene query, after a refresh; id → source. */
    Map<String, JsonNode> alerts(String query) throws IOException {
        String index = name + "-alerts";
        es.post("/" + index + "/_refresh", "");
        var response = es.get("/" + index + "/_search?size=100&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        Map<String, JsonNode> docs = new HashMap<>();
        if (response.statusCode() == 404) {
            return docs;
        }
        for (JsonNode hit : JSON.readTree(response.body()).path("hits").path("hits")) {
            docs.put(hit.get("_id").asText(), hit.get("_source"));
        }
        return docs;
    }

    /** A metrics sample as the metric producers send it: CPU in percent, memory in bytes. */
    static String metricSample(Instant time, String host, double cpu, long memoryUsed, long memoryTotal) {
        return String.format(
                Locale.ROOT,
                "{\"timestamp\":\"%s\",\"host\":\"%s\",\"cpu_usage\":%.1f,"
                        + "\"memory_usage\":{\"used\":%d,\"total\":%d}}",
                time,
                host,
                cpu,
                memoryUsed,
                memoryTotal);
    }

    static ProducerRecord<byte[], byte[]> record(String topic, int partition, String value) {
        return new ProducerRecord<>(topic, partition, null, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

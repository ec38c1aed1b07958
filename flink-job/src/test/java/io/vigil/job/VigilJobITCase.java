package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.embedded.ElasticsearchHttp;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The production wiring (Kafka source, ES sinks, templates) in a MiniCluster against real services. */
@ExtendWith(VigilServicesExtension.class)
class VigilJobITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final Instant SAMPLE_TIME = Instant.now().minusSeconds(60);

    @Test
    void storesMetricSamplesAndDeadLettersBadRecords() throws Exception {
        Services services = Services.get();
        String metrics = "itjob-metrics";
        String threats = "itjob-threats";
        services.kafka.createTopics(List.of(metrics, threats), 2);
        JobOptions options = JobOptions.of(Map.of(
                JobOptions.KAFKA_BOOTSTRAP, services.kafka.bootstrap(),
                JobOptions.KAFKA_GROUP, "itjob",
                JobOptions.TOPIC_METRICS, metrics,
                JobOptions.TOPIC_THREATS, threats,
                JobOptions.ES_HOSTS, services.elasticsearch.url(),
                JobOptions.INDEX_PREFIX, "itjob",
                JobOptions.CHECKPOINT_INTERVAL, "1s",
                JobOptions.BULK_INTERVAL, "200ms"));

        try (KafkaProducer<byte[], byte[]> producer = producer(services)) {
            for (int i = 0; i < 20; i++) {
                String sample = "{\"timestamp\":\"" + SAMPLE_TIME.plusSeconds(i) + "\",\"host\":\"web-" + (i % 4)
                        + "\",\"cpu_usage\":" + (10 + i) + ",\"memory_usage\":{\"used\":1,\"total\":2},"
                        + "\"network\":{\"in_bytes_per_sec\":100,\"out_bytes_per_sec\":200}}";
                producer.send(new ProducerRecord<>(metrics, i % 2, null, sample.getBytes()));
            }
            producer.send(new ProducerRecord<>(metrics, 0, null, "{\"host\":\"web-0\",\"cpu_usage\":\"high\"}".getBytes()));
            producer.send(new ProducerRecord<>(threats, 0, null, new byte[] {(byte) 0xc3, (byte) 0x28}));
            producer.flush();
        }

        IndexTemplateInstaller.install(options.esHosts(), options.indexPrefix());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new VigilJob(options,
                Connectors.kafkaSource(options),
                Connectors.elasticsearch(options, new LogDocumentEmitter(options.indexPrefix())),
                Connectors.elasticsearch(options, new DeadLetterEmitter(options.indexPrefix())))
                .build(env);
        JobClient job = env.executeAsync("vigil-itcase");
        try {
            ElasticsearchHttp es = new ElasticsearchHttp(services.elasticsearch.url());
            assertThat(es.awaitCount("itjob-logs", n -> n >= 20, Duration.ofSeconds(90))).isEqualTo(20);
            assertThat(es.awaitCount("itjob-dlq", n -> n >= 2, Duration.ofSeconds(30))).isEqualTo(2);

            String doc = es.get("/itjob-logs/_search?q=host:web-1&size=1").body();
            assertThat(doc).contains("\"kind\":\"metric\"", "\"percentage\":50.0", "\"topic\":\"itjob-metrics\"");
            String mapping = es.get("/itjob-logs/_mapping").body();
            assertThat(mapping).contains("\"host\":{\"type\":\"keyword\"", "\"cpu_usage\":{\"type\":\"float\"}");
            String dead = es.get("/itjob-dlq/_search?size=10").body();
            assertThat(dead).contains("cpu_usage must be a number", "not valid UTF-8", "\"raw_encoding\":\"base64\"");
        } finally {
            job.cancel().get();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Services services) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka.bootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}

package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.embedded.SecureKafkaFixture;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job's production Kafka source, configured only through {@code --secrets.file}, reads a
 * broker that accepts nothing but TLS + SASL/SCRAM (as {@code ./vigil up --secure} runs it).
 */
class SecureKafkaSourceITCase {
    private static final String JOB_USER = "vigil-job";
    private static final String METRICS = "secure-source-metrics";
    private static final String THREATS = "secure-source-threats";

    private static SecureKafkaFixture broker;

    @BeforeAll
    static void startSecureBroker() throws Exception {
        broker = SecureKafkaFixture.start(
                Map.of(JOB_USER, "job-password-for-this-test", "vigil-client", "client-password-for-this-test"),
                List.of(METRICS, THREATS));
    }

    @AfterAll
    static void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theJobsKafkaSourceReadsOverTlsAndScram() throws Exception {
        Map<String, Object> client = broker.client("vigil-client");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(METRICS, "{\"host\":\"web-01\",\"cpu_usage\":12.5}"))
                    .get();
            producer.send(new ProducerRecord<>(THREATS, "Nov 26 10:00:00 web-01 sshd[1]: Accepted password for bob"))
                    .get();
        }
        JobOptions options = JobOptions.of(Map.of(
                JobOptions.KAFKA_BOOTSTRAP,
                broker.kafka().bootstrap(),
                JobOptions.KAFKA_GROUP,
                "secure-source",
                JobOptions.TOPIC_METRICS,
                METRICS,
                JobOptions.TOPIC_THREATS,
                THREATS,
                JobOptions.SECRETS_FILE,
                secretsFile(broker.security().clientProperties(JOB_USER)).toString()));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<String> values = new ArrayList<>();
        env.fromSource(Connectors.kafkaSource(options), WatermarkStrategy.noWatermarks(), "secure-kafka")
                .map(record -> record.topic + " " + new String(record.value, StandardCharsets.UTF_8))
                .executeAndCollect(2)
                .forEach(values::add);

        assertThat(values)
                .containsExactlyInAnyOrder(
                        METRICS + " {\"host\":\"web-01\",\"cpu_usage\":12.5}",
                        THREATS + " Nov 26 10:00:00 web-01 sshd[1]: Accepted password for bob");
    }

    /**
     * The job's secrets file as docker-compose's is written: kafka.-prefixed client settings, the
     * CA as a PEM trust store (no trust store password), mode 0600.
     */
    private static Path secretsFile(Map<String, Object> kafkaClient) throws IOException {
        Properties props = new Properties();
        kafkaClient.forEach((key, value) -> props.setProperty("kafka." + key, String.valueOf(value)));
        props.remove("kafka.ssl.truststore.password");
        props.setProperty("kafka.ssl.truststore.type", "PEM");
        props.setProperty(
                "kafka.ssl.truststore.location",
                broker.certs().resolve("ca.crt").toString());
        Path file = broker.dir().resolve("job-secrets.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, null);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}

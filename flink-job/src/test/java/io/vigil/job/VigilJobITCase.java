package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The production wiring (Kafka source, ES sinks, templates) in a MiniCluster against real services. */
@ExtendWith(VigilServicesExtension.class)
class VigilJobITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkClusters.twoSlots();

    private static final Instant SAMPLE_TIME = Instant.now().minusSeconds(60);

    @Test
    void storesMetricSamplesAndDeadLettersBadRecords() throws Exception {
        JobFixture job = new JobFixture(Services.get(), "itjob", Map.of());
        try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
            for (int i = 0; i < 20; i++) {
                String sample = "{\"timestamp\":\"" + SAMPLE_TIME.plusSeconds(i) + "\",\"host\":\"web-" + (i % 4)
                        + "\",\"cpu_usage\":" + (10 + i) + ",\"memory_usage\":{\"used\":1,\"total\":2},"
                        + "\"network\":{\"in_bytes_per_sec\":100,\"out_bytes_per_sec\":200}}";
                producer.send(JobFixture.record(job.metrics, i % 2, sample));
            }
            producer.send(JobFixture.record(job.metrics, 0, "{\"host\":\"web-0\",\"cpu_usage\":\"high\"}"));
            producer.send(new ProducerRecord<>(job.threats, 0, null, new byte[] {(byte) 0xc3, (byte) 0x28}));
            producer.flush();
        }

        JobClient client = job.start();
        try {
            assertThat(job.es.awaitCount(job.logs(), n -> n >= 20, Duration.ofSeconds(90)))
                    .isEqualTo(20);
            assertThat(job.es.awaitCount(job.deadLetters(), n -> n >= 2, Duration.ofSeconds(30)))
                    .isEqualTo(2);

            String doc = job.es.get("/itjob-logs/_search?q=host:web-1&size=1").body();
            assertThat(doc).contains("\"kind\":\"metric\"", "\"percentage\":50.0", "\"topic\":\"itjob-metrics\"");
            String mapping = job.es.get("/itjob-logs/_mapping").body();
            assertThat(mapping).contains("\"host\":{\"type\":\"keyword\"", "\"cpu_usage\":{\"type\":\"float\"}");
            String dead = job.es.get("/itjob-dlq/_search?size=10").body();
            assertThat(dead).contains("cpu_usage must be a number", "not valid UTF-8", "\"raw_encoding\":\"base64\"");
        } finally {
            client.cancel().get();
        }
    }
}

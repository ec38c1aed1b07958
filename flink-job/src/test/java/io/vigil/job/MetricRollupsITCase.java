package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 1-minute rollups in event time: out-of-order samples land in their windows, late ones correct them. */
@ExtendWith(VigilServicesExtension.class)
class MetricRollupsITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Minutes of the recent past: once its partitions fall quiet the job's event time follows the
     * wall clock, so the late sample must be within the 1-hour allowed lateness of now, as live
     * data is. (Samples two hours old were late for good the moment the producer paused.)
     */
    private static final Instant MINUTE_0 =
            Instant.now().minus(12, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);

    private final Map<String, double[]> expected = new HashMap<>(); // "host|minute" → {cpu sum, n, max}

    @Test
    void rollupsMatchTheSamplesIncludingLateCorrections() throws Exception {
        JobFixture job = new JobFixture(
                Services.get(), "rollup", Map.of(JobOptions.IDLENESS, "1s", JobOptions.OUT_OF_ORDERNESS, "2s"));
        JobClient client = job.start();
        try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
            // Three minutes of samples for two hosts, each minute's samples shuffled out of order.
            for (int minute = 0; minute < 3; minute++) {
                for (int i : new int[] {5, 1, 4, 0, 3, 2}) {
                    sample(producer, job, "db-01", minute, i * 9, 20 + minute * 10 + i);
                    sample(producer, job, "web-01", minute, i * 9, 50 + i * 2);
                }
            }
            // Later samples move event time on, closing minutes 0-2 on both partitions.
            sample(producer, job, "db-01", 6, 0, 10);
            sample(producer, job, "web-01", 6, 1, 10);
            producer.flush();
            awaitRollup(job, "db-01", 1, 6);

            // A late sample for minute 1 (within the allowed lateness) corrects that window.
            sample(producer, job, "db-01", 1, 30, 99);
            producer.flush();
            awaitRollup(job, "db-01", 1, 7);
        }
        try {
            for (Map.Entry<String, double[]> e : expected.entrySet()) {
                String[] key = e.getKey().split("\\|");
                int minute = Integer.parseInt(key[1]);
                if (minute == 6) {
                    continue; // still open
                }
                JsonNode doc = rollup(job, key[0], minute);
                double[] x = e.getValue();
                assertThat(doc.path("samples").asLong()).as(e.getKey()).isEqualTo((long) x[1]);
                assertThat(doc.path("cpu_avg").asDouble())
                        .as(e.getKey())
                        .isCloseTo(x[0] / x[1], org.assertj.core.data.Offset.offset(1e-4));
                assertThat(doc.path("cpu_max").asDouble()).as(e.getKey()).isEqualTo(x[2]);
                assertThat(doc.path("cpu_sum").asDouble())
                        .as(e.getKey())
                        .isCloseTo(x[0], org.assertj.core.data.Offset.offset(1e-6));
                assertThat(doc.path("interval").asText()).isEqualTo("1m");
            }
            JsonNode corrected = rollup(job, "db-01", 1);
            assertThat(corrected.path("cpu_max").asDouble()).isEqualTo(99.0);
            assertThat(corrected.path("host_group").asText()).isEqualTo("data"); // from rules/assets.yml
        } finally {
            client.cancel().get();
        }
    }

    private void sample(
            KafkaProducer<byte[], byte[]> producer, JobFixture job, String host, int minute, int second, double cpu) {
        Instant t = MINUTE_0.plus(minute, ChronoUnit.MINUTES).plusSeconds(second);
        producer.send(JobFixture.record(job.metrics, host.hashCode() & 1, JobFixture.metricSample(t, host, cpu, 1, 4)));
        double[] x = expected.computeIfAbsent(host + "|" + minute, k -> new double[] {0, 0, Double.NEGATIVE_INFINITY});
        x[0] += cpu;
        x[1]++;
        x[2] = Math.max(x[2], cpu);
    }

    private static String id(String host, int minute) {
        return host + "|1m|" + MINUTE_0.plus(minute, ChronoUnit.MINUTES).toEpochMilli();
    }

    private static JsonNode rollup(JobFixture job, String host, int minute) throws Exception {
        var r = job.es.get(
                "/" + job.name + "-metrics-1m/_doc/" + java.net.URLEncoder.encode(id(host, minute), "UTF-8"));
        assertThat(r.statusCode())
                .as("rollup %s minute %d: %s", host, minute, r.body())
                .isEqualTo(200);
        return JSON.readTree(r.body()).path("_source");
    }

    private static void awaitRollup(JobFixture job, String host, int minute, long samples) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var r = job.es.get(
                    "/" + job.name + "-metrics-1m/_doc/" + java.net.URLEncoder.encode(id(host, minute), "UTF-8"));
            if (r.statusCode() == 200
                    && JSON.readTree(r.body()).path("_source").path("samples").asLong() == samples) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("rollup of " + host + " minute " + minute + " never had " + samples + " samples");
    }
}

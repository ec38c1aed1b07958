package io.vigil.job;

import static io.vigil.job.JobFixture.SYSLOG_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event time against hostile and quiet inputs, through the real job: a producer's clock cannot
 * blind detection, and a quiet night does not hold an alert back.
 */
@ExtendWith(VigilServicesExtension.class)
class EventTimeITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkClusters.twoSlots();

    @Test
    void aRecordDatedADayAheadDoesNotBlindDetectionOrTheRollups() throws Exception {
        JobFixture job = new JobFixture(Services.get(), "future", Map.of());
        JobClient client = job.start();
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
                producer.send(JobFixture.record(
                        job.threats,
                        0,
                        "{\"timestamp\":\"" + now.plus(Duration.ofHours(23))
                                + "\",\"host\":\"liar-01\",\"message\":\"from the future\"}"));
                producer.flush();
                Thread.sleep(1000);
                attack(producer, job, now.minusSeconds(20), "198.51.100.77", 0);
                for (int i = 0; i < 6; i++) { // ordinary traffic on both partitions
                    producer.send(JobFixture.record(
                            job.threats,
                            i % 2,
                            syslog(now.plusSeconds(i), "web-01", "CRON[77]: (root) CMD (run-parts /etc/cron.hourly)")));
                }
                producer.flush();
            }
            Map<String, JsonNode> alerts = job.awaitAlerts("rule_id:ssh-brute-force-success", docs -> !docs.isEmpty());
            assertThat(alerts.values())
                    .singleElement()
                    .satisfies(a -> assertThat(a.get("group_key").asText()).isEqualTo("source.address=198.51.100.77"));
            // Rollups are written once event time passes their minute: had the future record moved
            // the watermark a day ahead, bastion-01's minute would have been too late to roll up.
            String minute = job.name + "-metrics-1m";
            assertThat(job.es.awaitCount(minute, n -> n > 0, Duration.ofSeconds(120)))
                    .isPositive();
            assertThat(job.es.count(minute, "host:bastion-01")).isPositive();
            assertThat(job.es.count(job.logs(), "host:liar-01"))
                    .as("the future record is stored")
                    .isEqualTo(1);
        } finally {
            client.cancel().get();
        }
    }

    @Test
    void onAQuietStackASequenceAlertsWithoutWaitingForOtherTraffic() throws Exception {
        JobFixture job = new JobFixture(Services.get(), "quiet", Map.of(JobOptions.IDLENESS, "30s"));
        JobClient client = job.start();
        try {
            Thread.sleep(3000); // the job reads; nothing else will ever be produced
            try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
                attack(
                        producer,
                        job,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(45),
                        "198.51.100.78",
                        1);
            }
            Map<String, JsonNode> alerts = job.awaitAlerts("rule_id:ssh-brute-force-success", docs -> !docs.isEmpty());
            assertThat(alerts.values()).singleElement().satisfies(a -> {
                assertThat(a.get("group_key").asText()).isEqualTo("source.address=198.51.100.78");
                assertThat(a.get("count").asLong()).isEqualTo(6);
            });
        } finally {
            client.cancel().get();
        }
    }

    /** Eight failed SSH logins 5 s apart, then an accepted one, as sshd logs them. */
    private static void attack(
            KafkaProducer<byte[], byte[]> producer, JobFixture job, Instant start, String source, int partition) {
        for (int i = 0; i < 8; i++) {
            producer.send(JobFixture.record(
                    job.threats,
                    partition,
                    syslog(
                            start.plusSeconds(i * 5L),
                            "bastion-01",
                            "sshd[4100]: Failed password for root from " + source + " port " + (40000 + i) + " ssh2")));
        }
        producer.send(JobFixture.record(
                job.threats,
                partition,
                syslog(
                        start.plusSeconds(42),
                        "bastion-01",
                        "sshd[4101]: Accepted password for root from " + source + " port 40100 ssh2")));
        producer.flush();
    }

    private static String syslog(Instant time, String host, String rest) {
        return SYSLOG_TIME.format(time) + " " + host + " " + rest;
    }
}

package io.vigil.job;

import static io.vigil.job.JobFixture.SYSLOG_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
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
 * Sigma rules from rules/sigma, unmodified, raise alerts end to end from raw syslog produced to
 * Kafka: a keyword rule (sshd break-in attempt) and an event_count correlation (password
 * guessing from one source).
 */
@ExtendWith(VigilServicesExtension.class)
class SigmaITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkClusters.twoSlots();

    /** ids from rules/sigma/linux/*.yml */
    private static final String BREAK_IN = "3c2ea4d4-7f1c-4b0a-9a51-2f6a1d9b2c01";

    private static final String GUESSING = "9c8b7a6f-5e4d-4c3b-8a2f-1e0d9c8b7a12";

    @Test
    void aSigmaKeywordRuleAndAnEventCountCorrelationRaiseAlertsFromRawSyslog() throws Exception {
        JobFixture job = new JobFixture(Services.get(), "itsigma", Map.of());
        Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
            for (int i = 0; i < 12; i++) { // 12 failures in 24 s from one source: at least 10 within 1m
                producer.send(JobFixture.record(
                        job.threats,
                        0,
                        SYSLOG_TIME.format(t0.plusSeconds(2L * i)) + " bastion-03 sshd[77" + i
                                + "]: Failed password for root from 198.51.100.77 port " + (40000 + i) + " ssh2"));
            }
            for (int i = 0; i < 3; i++) { // a user mistyping: no correlation alert for this source
                producer.send(JobFixture.record(
                        job.threats,
                        1,
                        SYSLOG_TIME.format(t0.plusSeconds(10L * i)) + " bastion-03 sshd[88" + i
                                + "]: Failed password for alice from 10.1.1.5 port " + (41000 + i) + " ssh2"));
            }
            producer.send(
                    JobFixture.record(
                            job.threats,
                            1,
                            SYSLOG_TIME.format(t0.plusSeconds(30)) + " bastion-03 sshd[999]: "
                                    + "reverse mapping checking getaddrinfo for scanner.example [203.0.113.66] failed - POSSIBLE BREAK-IN ATTEMPT!"));
            producer.flush();
        }
        JobClient client = job.start();
        try {
            Map<String, JsonNode> breakIn = job.awaitAlerts("rule_id:\"" + BREAK_IN + "\"", docs -> !docs.isEmpty());
            assertThat(breakIn).hasSize(1);
            JsonNode alert = breakIn.values().iterator().next();
            assertThat(alert.get("severity").asText()).isEqualTo("MEDIUM");
            assertThat(alert.get("host").asText()).isEqualTo("bastion-03");

            Map<String, JsonNode> guessing = job.awaitAlerts("rule_id:\"" + GUESSING + "\"", docs -> !docs.isEmpty());
            Thread.sleep(2000); // a second group (the mistyping user) would have shown by now
            guessing = job.alerts("rule_id:\"" + GUESSING + "\"");
            assertThat(guessing).hasSize(1);
            JsonNode correlation = guessing.values().iterator().next();
            assertThat(correlation.get("severity").asText()).isEqualTo("HIGH");
            assertThat(correlation.get("group_key").asText()).contains("198.51.100.77");
            assertThat(correlation.get("count").asLong()).isGreaterThanOrEqualTo(10);
        } finally {
            client.cancel().get();
        }
    }
}

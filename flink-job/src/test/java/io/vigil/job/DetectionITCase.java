package io.vigil.job;

import static io.vigil.job.JobFixture.SYSLOG_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.alert.RuleCatalog;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The detection engine in the real job wiring (Kafka source, parsing, enrichment, the starter
 * pack from rules/, Elasticsearch sinks) against real Kafka and Elasticsearch: raw sshd lines
 * of an attack from two sources, a metric stream with one hot host, then a replay of the same
 * topics by a fresh job.
 */
@ExtendWith(VigilServicesExtension.class)
class DetectionITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Whole seconds: syslog times have no fractions. */
    private static final Instant ATTACK =
            Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static final String FIRST_ATTACKER = "203.0.113.7";
    private static final String SECOND_ATTACKER = "198.51.100.23";

    @Test
    void oneAlertPerAttackerAndPerHotHostAndAReplayDuplicatesNothing() throws Exception {
        JobFixture job = new JobFixture(Services.get(), "itdetect", Map.of());
        int records = produce(job);
        String alerts = job.name + "-alerts";

        RuleCatalog.publish(job.options.esHosts(), job.options.indexPrefix(), job.options.rulesPath());
        // one catalog document per loaded rule: the starter pack and the Sigma rules
        int loaded = RuleFiles.loadForJob(java.nio.file.Path.of(job.options.rulesPath()))
                .size();
        assertThat(loaded).isGreaterThanOrEqualTo(12 + 9);
        assertThat(job.es.count(job.name + "-rules")).isEqualTo(loaded);

        JobClient first = job.start();
        Map<String, JsonNode> bruteForce;
        try {
            assertThat(job.es.awaitCount(job.logs(), n -> n >= records, Duration.ofSeconds(120)))
                    .isEqualTo(records);
            bruteForce = awaitBruteForce(job);
            assertBruteForce(bruteForce);
            Map<String, JsonNode> cpu = job.awaitAlerts(
                    "rule_id:cpu-high",
                    docs -> docs.size() == 1
                            && docs.values().iterator().next().get("count").asLong() == 6);
            JsonNode hot = cpu.values().iterator().next();
            assertThat(hot.get("host").asText()).isEqualTo("web-hot");
            assertThat(hot.get("severity").asText()).isEqualTo("HIGH");
            assertThat(hot.get("status").asText()).isEqualTo("open");

            // the matching event itself is stored with the threat, and its severity raised
            assertThat(job.es.count(job.logs(), "threats.rule_id:new-local-user AND severity:MEDIUM AND host:web-hot"))
                    .isEqualTo(1);
            // Sequence rules raise only once event time has passed their events, which at the end
            // of the input happens when the partitions go idle: the first run must get to raise
            // everything it ever would, or the replay's "new" alerts are just the first run's late ones.
            job.awaitSettledAlerts(Duration.ofSeconds(6), Duration.ofSeconds(60));
        } finally {
            first.cancel().get();
        }
        long alertsAfterFirstRun = job.es.count(alerts);

        // an analyst acknowledges one alert; the replay must keep that
        String acknowledged = bruteForce.keySet().iterator().next();
        assertThat(job.es
                        .post(
                                "/" + alerts + "/_update/" + acknowledged + "?refresh=true",
                                "{\"doc\":{\"status\":\"acknowledged\"}}")
                        .statusCode())
                .isEqualTo(200);
        JobFixture replay =
                new JobFixture(Services.get(), "itdetect", Map.of(JobOptions.KAFKA_GROUP, "itdetect-replay"));
        JobClient second = replay.start();
        try {
            // The replay has read everything once every log document was written a second time
            // (an index request always makes a new version). Waiting on the alert's version
            // instead was wrong: a replay that reaches the alert's final state in one update
            // writes identical content, which Elasticsearch rightly treats as a no-op.
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (minLogVersion(job) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(minLogVersion(job)).as("the replay re-read every record").isGreaterThanOrEqualTo(2);
            Map<String, JsonNode> replayed = awaitBruteForce(job);
            Thread.sleep(3000); // anything a duplicate would need to show up
            assertThat(job.es.count(alerts)).isEqualTo(alertsAfterFirstRun);
            assertThat(job.alerts("rule_id:ssh-brute-force")).hasSize(2);
            assertBruteForce(replayed);
            assertThat(replayed.get(acknowledged).get("status").asText()).isEqualTo("acknowledged");
        } finally {
            second.cancel().get();
        }
    }

    /** The two brute-force alerts, once they hold all 7 + 5 failures. */
    private static Map<String, JsonNode> awaitBruteForce(JobFixture job) throws Exception {
        return job.awaitAlerts(
                "rule_id:ssh-brute-force",
                docs -> docs.size() == 2
                        && docs.values().stream()
                                        .mapToLong(d -> d.get("count").asLong())
                                        .sum()
                                == 7 + 5);
    }

    private static void assertBruteForce(Map<String, JsonNode> docs) {
        Map<String, JsonNode> byGroup = new HashMap<>();
        docs.values().forEach(d -> byGroup.put(d.get("group_key").asText(), d));
        assertThat(byGroup).containsOnlyKeys("source.address=" + FIRST_ATTACKER, "source.address=" + SECOND_ATTACKER);
        JsonNode a = byGroup.get("source.address=" + FIRST_ATTACKER);
        assertThat(a.get("count").asLong()).isEqualTo(7);
        assertThat(a.get("first_seen").asText()).isEqualTo(ATTACK.toString());
        assertThat(a.get("last_seen").asText()).isEqualTo(ATTACK.plusSeconds(30).toString());
        assertThat(a.get("host").asText()).isEqualTo("bastion-01");
        assertThat(a.get("severity").asText()).isEqualTo("HIGH");
        assertThat(a.get("event_ids")).hasSize(7);
        JsonNode b = byGroup.get("source.address=" + SECOND_ATTACKER);
        assertThat(b.get("count").asLong()).isEqualTo(5);
        assertThat(b.get("first_seen").asText()).isEqualTo(ATTACK.plusSeconds(2).toString());
        assertThat(b.get("last_seen").asText()).isEqualTo(ATTACK.plusSeconds(14).toString());
        assertThat(b.get("host").asText()).isEqualTo("bastion-02");
    }

    /** Raw sshd lines of two attacks (and harmless traffic), metric samples, one JSON security event. */
    private static int produce(JobFixture job) {
        int records = 0;
        try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
            for (int i = 0; i < 7; i++) { // 7 failures in 30 s, partition 0
                producer.send(JobFixture.record(
                        job.threats,
                        0,
                        sshd(
                                ATTACK.plusSeconds(i * 5L),
                                "bastion-01",
                                "Failed password for root from " + FIRST_ATTACKER + " port " + (40000 + i) + " ssh2")));
                records++;
            }
            for (int i = 0; i < 5; i++) { // 5 failures in 12 s, partition 1
                producer.send(JobFixture.record(
                        job.threats,
                        1,
                        sshd(
                                ATTACK.plusSeconds(2 + i * 3L),
                                "bastion-02",
                                "Failed password for invalid user oracle from " + SECOND_ATTACKER + " port "
                                        + (50000 + i) + " ssh2")));
                records++;
            }
            for (int i = 0; i < 4; i++) { // a legitimate user mistyping once per minute: no alert
                producer.send(JobFixture.record(
                        job.threats,
                        0,
                        sshd(
                                ATTACK.plusSeconds(i * 61L),
                                "bastion-01",
                                "Failed password for alice from 192.0.2.10 port " + (60000 + i) + " ssh2")));
                producer.send(JobFixture.record(
                        job.threats,
                        0,
                        sshd(
                                ATTACK.plusSeconds(i * 61L + 1),
                                "bastion-01",
                                "Accepted password for alice from 192.0.2.10 port " + (60000 + i) + " ssh2")));
                records += 2;
            }
            for (int i = 0; i < 6; i++) { // samples every 30 s: one hot host, one healthy
                producer.send(JobFixture.record(
                        job.metrics,
                        0,
                        JobFixture.metricSample(ATTACK.plusSeconds(i * 30L), "web-hot", 95.5, 4000, 8000)));
                producer.send(JobFixture.record(
                        job.metrics,
                        1,
                        JobFixture.metricSample(ATTACK.plusSeconds(i * 30L), "web-ok", 41.0, 4000, 8000)));
                records += 2;
            }
            producer.send(
                    JobFixture.record(
                            job.threats,
                            1,
                            "{\"timestamp\":\"" + ATTACK.plusSeconds(20)
                                    + "\",\"host\":\"web-hot\",\"message\":\"new user: name=backdoor\",\"event\":{\"category\":\"iam\","
                                    + "\"action\":\"user_created\",\"outcome\":\"success\"},\"user\":{\"target\":{\"name\":\"backdoor\"}}}"));
            records++;
            producer.flush();
        }
        return records;
    }

    private static String sshd(Instant time, String host, String message) {
        return SYSLOG_TIME.format(time) + " " + host + " sshd[4242]: " + message;
    }

    /** The lowest _version among the log documents: 2 once a replay has rewritten them all. */
    private static long minLogVersion(JobFixture job) throws IOException {
        job.es.post("/" + job.logs() + "/_refresh", "");
        long min = Long.MAX_VALUE;
        for (JsonNode hit : JSON.readTree(job.es
                        .get("/" + job.logs() + "/_search?version=true&size=1000")
                        .body())
                .path("hits")
                .path("hits")) {
            min = Math.min(min, hit.path("_version").asLong());
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }
}

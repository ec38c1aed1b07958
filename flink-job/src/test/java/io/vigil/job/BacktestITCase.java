package io.vigil.job;

import static io.vigil.job.JobFixture.SYSLOG_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.Indices;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.backtest.Backtest;
import io.vigil.detection.backtest.StoredEventSource;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./vigil rules backtest} runs the job's own operators over what the job stored: over the
 * events of a live run it finds exactly the alerts the live job raised (ids, counts, severities),
 * including a rule on a field stored encrypted (user.name), and it writes nothing.
 */
@ExtendWith(VigilServicesExtension.class)
class BacktestITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkClusters.twoSlots();

    @Test
    void aBacktestOverStoredEventsFindsTheAlertsTheLiveJobRaisedAndWritesNothing() throws Exception {
        JobFixture job = new JobFixture(Services.get(), "itbacktest", Map.of());
        Instant t0 = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
            for (int i = 0; i < 7; i++) { // a brute force: ssh-brute-force and the Sigma burst rules
                producer.send(JobFixture.record(
                        job.threats,
                        i % 2,
                        SYSLOG_TIME.format(t0.plusSeconds(3L * i)) + " bastion-02 sshd[51" + i
                                + "]: Failed password for root from 198.51.100.23 port " + (40100 + i) + " ssh2"));
            }
            // sudo to root by a user outside the admins: a rule on user.name, which is stored encrypted
            producer.send(
                    JobFixture.record(
                            job.threats,
                            0,
                            SYSLOG_TIME.format(t0.plusSeconds(60))
                                    + " app-07 sudo: mallory : TTY=pts/1 ; PWD=/home/mallory ; USER=root ; COMMAND=/bin/cat /etc/shadow"));
            producer.send(
                    JobFixture.record(
                            job.threats,
                            1,
                            SYSLOG_TIME.format(t0.plusSeconds(61))
                                    + " app-07 sudo: ansible : TTY=pts/1 ; PWD=/srv ; USER=root ; COMMAND=/usr/bin/systemctl restart app"));
            for (int i = 0; i < 10; i++) {
                producer.send(JobFixture.record(
                        job.metrics,
                        i % 2,
                        String.format(
                                Locale.ROOT,
                                "{\"timestamp\":\"%s\",\"host\":\"web-09\",\"cpu_usage\":%d}",
                                t0.plusSeconds(10L * i),
                                20 + i)));
            }
            producer.flush();
        }
        JobClient client = job.start();
        Map<String, JsonNode> live;
        try {
            job.awaitAlerts("rule_id:sudo-root-non-admin", docs -> !docs.isEmpty());
            job.awaitAlerts("rule_id:ssh-brute-force", docs -> !docs.isEmpty());
            job.awaitSettledAlerts(Duration.ofSeconds(5), Duration.ofSeconds(60));
            awaitStoredEvents(job, 19);
        } finally {
            client.cancel().get();
        }
        live = job.alerts("*");
        assertThat(live.keySet()).hasSizeGreaterThanOrEqualTo(2);

        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env =
                org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        Backtest.Result result = Backtest.run(
                env,
                RuleFiles.load(java.util.List.of(Path.of("../rules"))).rules(),
                new StoredEventSource(
                        Services.get().elasticsearch.url(),
                        new Indices(job.name).logsAlias(),
                        t0.minusSeconds(60),
                        t0.plus(Duration.ofMinutes(10)),
                        1_000_000,
                        job.keysFile,
                        null));

        assertThat(result.events()).isEqualTo(19);
        Map<String, String> fromBacktest = result.alerts().stream()
                .collect(Collectors.toMap(a -> a.id, BacktestITCase::describe, (a, b) -> b, TreeMap::new));
        Map<String, String> fromJob = live.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> describe(e.getValue()), (a, b) -> b, TreeMap::new));
        assertThat(fromBacktest).isEqualTo(fromJob);
        assertThat(result.alerts()).anySatisfy(a -> {
            assertThat(a.ruleId).isEqualTo("sudo-root-non-admin");
            assertThat(a.groupKey)
                    .as("the protected user name, decrypted (the job stores it protected)")
                    .contains("mallory");
        });
        assertThat(job.alerts("*").keySet()).as("nothing written").isEqualTo(Set.copyOf(live.keySet()));
    }

    private static void awaitStoredEvents(JobFixture job, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            job.es.post("/" + job.logs() + "/_refresh", "");
            var response = job.es.get("/" + job.logs() + "/_count");
            if (response.statusCode() == 200
                    && new com.fasterxml.jackson.databind.ObjectMapper()
                                    .readTree(response.body())
                                    .path("count")
                                    .asInt()
                            >= n) {
                return;
            }
            Thread.sleep(250);
        }
    }

    /** The group key is left out: the job stores protected values in it as markers, the backtest shows them. The id covers it. */
    private static String describe(Alert a) {
        return a.ruleId + " " + a.severity + " count=" + a.count + " " + Instant.ofEpochMilli(a.firstSeen) + ".."
                + Instant.ofEpochMilli(a.lastSeen);
    }

    private static String describe(JsonNode a) {
        return a.path("rule_id").asText() + " " + a.path("severity").asText() + " count="
                + a.path("count").asLong() + " "
                + Instant.parse(a.path("first_seen").asText()) + ".."
                + Instant.parse(a.path("last_seen").asText());
    }
}

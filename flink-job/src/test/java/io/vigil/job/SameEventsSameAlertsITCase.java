package io.vigil.job;

import static io.vigil.job.JobFixture.SYSLOG_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Same events, same alerts: one corpus (loghub's real OpenSSH capture, 2,000 lines from one
 * server under brute force from many sources, plus planted attacks of every rule kind) through
 * the real job, spread over Kafka in the ways shippers and clusters spread it. Every variant must
 * raise exactly the alerts (ids, counts, times, severities) of the first.
 *
 * <ul>
 *   <li>one partition, parallelism 1 (the reference)</li>
 *   <li>four partitions, each record on a random one, parallelism 4</li>
 *   <li>four partitions, one of them produced 30 s after the others, parallelism 2</li>
 *   <li>the same with 3 minutes (within the default reorder window of 5 minutes)</li>
 *   <li>four partitions, stopped with a savepoint halfway and resumed from it, parallelism 2</li>
 * </ul>
 *
 * The 3-minute variant runs beside the others, so the test waits those minutes once.
 */
@ExtendWith(VigilServicesExtension.class)
class SameEventsSameAlertsITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(8)
            .setConfiguration(networkMemory())
            .build());

    /** Two jobs at once, one at parallelism 4: more network buffers than the MiniCluster's 64 MB default. */
    private static org.apache.flink.configuration.Configuration networkMemory() {
        org.apache.flink.configuration.Configuration config = new org.apache.flink.configuration.Configuration();
        config.set(
                org.apache.flink.configuration.TaskManagerOptions.NETWORK_MEMORY_MIN,
                org.apache.flink.configuration.MemorySize.parse("256mb"));
        config.set(
                org.apache.flink.configuration.TaskManagerOptions.NETWORK_MEMORY_MAX,
                org.apache.flink.configuration.MemorySize.parse("256mb"));
        return config;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOGHUB_TIME =
            DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ROOT);

    /** One record of the corpus: its topic (metrics or threats), its text and its event time. */
    record Line(boolean metric, String text, Instant time) {}

    @Test
    void theAlertsDependOnTheEventsNotOnPartitionsArrivalParallelismOrRestarts() throws Exception {
        List<Line> corpus = corpus();
        Variant slow = new Variant("same-3m", 4, 2, 3, Duration.ofMinutes(3));
        slow.startAndProduceOnTime(corpus);

        Map<String, String> reference = new Variant("same-p1", 1, 1, -1, Duration.ZERO).run(corpus);
        assertSanity(reference);
        Map<String, Map<String, String>> variants = new java.util.LinkedHashMap<>();
        variants.put("4 partitions, parallelism 4", new Variant("same-p4", 4, 4, -1, Duration.ZERO).run(corpus));
        variants.put("a partition 30 s late", new Variant("same-30s", 4, 2, 3, Duration.ofSeconds(30)).run(corpus));
        variants.put(
                "a savepoint halfway",
                new Variant("same-savepoint", 4, 2, -1, Duration.ZERO).runWithSavepointHalfway(corpus));
        variants.put("a partition 3 min late", slow.finish(corpus));
        variants.forEach((variant, alerts) ->
                assertThat(differences(alerts, reference)).as(variant).isEmpty());
    }

    /** What one alert set has that the other has not, each line marked with the side it is on. */
    private static List<String> differences(Map<String, String> actual, Map<String, String> expected) {
        List<String> lines = new ArrayList<>();
        expected.forEach((id, alert) -> {
            if (!alert.equals(actual.get(id))) {
                lines.add("missing or changed: " + id + " " + alert);
            }
        });
        actual.forEach((id, alert) -> {
            if (!alert.equals(expected.get(id))) {
                lines.add("unexpected or changed: " + id + " " + alert);
            }
        });
        return lines;
    }

    /** What every run must find: the loghub brute forces and each planted attack. */
    private static void assertSanity(Map<String, String> alerts) {
        String all = String.join("\n", alerts.values());
        assertThat(all)
                .contains(
                        "ssh-brute-force source.address=185.190.58.151",
                        "ssh-brute-force source.address=183.62.140.253",
                        "ssh-brute-force source.address=187.141.143.180",
                        "ssh-brute-force-success source.address=198.51.100.77",
                        "password-spraying source.address=203.0.113.50",
                        "port-scan source.ip=192.0.2.200",
                        "cpu-high host=web-hot",
                        "sudo-root-non-admin host=bastion-01 user.name=«user.name[0]»");
    }

    /** One way of spreading the corpus over Kafka, run through its own job, topics and indices. */
    private static final class Variant {
        final String name;
        final int partitions;
        final int parallelism;
        final int delayedPartition;
        final Duration delay;
        final JobFixture job;
        final int[] assignment;
        JobClient client;
        long producedAt;

        Variant(String name, int partitions, int parallelism, int delayedPartition, Duration delay) throws Exception {
            this.name = name;
            this.partitions = partitions;
            this.parallelism = parallelism;
            this.delayedPartition = delayedPartition;
            this.delay = delay;
            this.job = new JobFixture(Services.get(), name, partitions, Map.of());
            Random random = new Random(name.hashCode());
            this.assignment = random.ints(4000, 0, partitions).toArray();
        }

        Map<String, String> run(List<Line> corpus) throws Exception {
            startAndProduceOnTime(corpus);
            return finish(corpus);
        }

        void startAndProduceOnTime(List<Line> corpus) throws Exception {
            client = job.start(parallelism, null);
            produce(corpus, i -> assignment[i] != delayedPartition);
            producedAt = System.nanoTime();
        }

        Map<String, String> finish(List<Line> corpus) throws Exception {
            try {
                if (delayedPartition >= 0) {
                    long wait = delay.toNanos() - (System.nanoTime() - producedAt);
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000);
                    }
                    produce(corpus, i -> assignment[i] == delayedPartition);
                }
                return settledAlerts(corpus.size());
            } finally {
                client.cancel().get();
            }
        }

        Map<String, String> runWithSavepointHalfway(List<Line> corpus) throws Exception {
            int half = corpus.size() / 2;
            client = job.start(parallelism, null);
            produce(corpus, i -> i < half);
            assertThat(job.es.awaitCount(job.logs(), n -> n >= half, Duration.ofSeconds(120)))
                    .isGreaterThanOrEqualTo(half);
            String savepoint = client.stopWithSavepoint(
                            false,
                            job.services.dir.resolve("savepoints").toUri().toString(),
                            SavepointFormatType.CANONICAL)
                    .get();
            client = job.start(parallelism, savepoint);
            produce(corpus, i -> i >= half);
            try {
                return settledAlerts(corpus.size());
            } finally {
                client.cancel().get();
            }
        }

        private void produce(List<Line> corpus, IntPredicate which) {
            try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
                for (int i = 0; i < corpus.size(); i++) {
                    if (which.test(i)) {
                        Line line = corpus.get(i);
                        producer.send(new ProducerRecord<>(
                                line.metric() ? job.metrics : job.threats,
                                assignment[i],
                                null,
                                line.text().getBytes(StandardCharsets.UTF_8)));
                    }
                }
                producer.flush();
            }
        }

        /** Once every record is stored and the alerts stopped changing: id → what the alert says. */
        private Map<String, String> settledAlerts(int records) throws Exception {
            long stored = job.es.awaitCount(job.logs(), n -> n >= records, Duration.ofSeconds(180));
            assertThat(stored).as(name + ": every record stored").isEqualTo(records);
            Map<String, String> alerts = alerts();
            long since = System.nanoTime();
            long deadline = since + Duration.ofSeconds(60).toNanos();
            // Quiet for longer than an alert's update may be held (AlertUpdates), with room for the bulk and refresh.
            long quiet = Duration.ofSeconds(6)
                    .plus(job.options.alertsUpdateInterval())
                    .toNanos();
            while (System.nanoTime() - since < quiet && System.nanoTime() < deadline) {
                Thread.sleep(500);
                Map<String, String> now = alerts();
                if (!now.equals(alerts)) {
                    alerts = now;
                    since = System.nanoTime();
                }
            }
            return alerts;
        }

        /** The rules' alerts, without what names Kafka records (event ids) or processing (status). */
        private Map<String, String> alerts() throws IOException {
            String index = job.name + "-alerts";
            job.es.post("/" + index + "/_refresh", "");
            var response = job.es.get("/" + index + "/_search?size=1000");
            Map<String, String> alerts = new TreeMap<>();
            if (response.statusCode() == 404) {
                return alerts;
            }
            for (JsonNode hit : JSON.readTree(response.body()).path("hits").path("hits")) {
                JsonNode a = hit.get("_source");
                if (a.get("rule_id").asText().startsWith("anomaly.")) {
                    continue; // the metric anomaly detectors: rollups in the order windows fire, not rules
                }
                alerts.put(
                        hit.get("_id").asText(),
                        a.get("rule_id").asText() + " " + a.get("group_key").asText()
                                + " count=" + a.get("count").asLong() + " first="
                                + a.get("first_seen").asText()
                                + " last=" + a.get("last_seen").asText() + " severity="
                                + a.get("severity").asText()
                                + " host=" + a.get("host").asText() + " hosts=" + a.get("hosts") + " summary="
                                + a.get("summary").asText());
            }
            return alerts;
        }
    }

    /**
     * loghub's OpenSSH capture moved to end two hours ago (its own spacing kept), and planted
     * attacks inside that span, in event-time order: a brute force followed by a login (count and
     * strict sequence), password spraying (distinct count), a port scan (distinct count over JSON
     * events), a hot host (threshold over metrics) and sudo to root by a non-admin (match).
     */
    static List<Line> corpus() throws IOException {
        List<String> raw;
        try (InputStream in = SameEventsSameAlertsITCase.class.getResourceAsStream("/corpus/loghub/OpenSSH_2k.log")) {
            raw = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<Instant> times = new ArrayList<>();
        for (String line : raw) {
            times.add(LocalDateTime.parse("2025 " + line.substring(0, 15).replaceAll(" +", " "), LOGHUB_TIME)
                    .toInstant(ZoneOffset.UTC));
        }
        // Two hours ago: every rule window (the longest is an hour) has ended before any variant
        // looks, so what is decided when a window closes is decided in all of them.
        Instant end = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Duration shift = Duration.between(times.get(times.size() - 1), end);
        List<Line> corpus = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Instant t = times.get(i).plus(shift);
            corpus.add(new Line(false, SYSLOG_TIME.format(t) + raw.get(i).substring(15), t));
        }
        Instant attack = times.get(0).plus(shift).plus(Duration.ofMinutes(30));
        for (int i = 0; i < 8; i++) {
            corpus.add(sshd(
                    attack.plusSeconds(i * 5L),
                    "bastion-01",
                    3100,
                    "Failed password for root from 198.51.100.77 port " + (41000 + i) + " ssh2"));
        }
        corpus.add(sshd(
                attack.plusSeconds(42),
                "bastion-01",
                3101,
                "Accepted password for root from 198.51.100.77 port 41100 ssh2"));
        for (int i = 0; i < 12; i++) {
            corpus.add(sshd(
                    attack.plusSeconds(60 + i * 7L),
                    "bastion-02",
                    3200 + i,
                    "Failed password for invalid user user" + i + " from 203.0.113.50 port " + (42000 + i) + " ssh2"));
        }
        for (int port = 1; port <= 25; port++) {
            corpus.add(new Line(
                    false,
                    "{\"timestamp\":\"" + attack.plusSeconds(120 + port) + "\",\"host\":\"fw-01\","
                            + "\"message\":\"blocked\",\"event\":{\"category\":\"network\",\"action\":\"firewall_drop\"},"
                            + "\"source\":{\"ip\":\"192.0.2.200\"},\"destination\":{\"ip\":\"10.0.0.5\",\"port\":"
                            + port + "}}",
                    attack.plusSeconds(120 + port)));
        }
        for (int i = 0; i < 6; i++) {
            Instant t = attack.plusSeconds(200 + i * 30L);
            corpus.add(new Line(true, JobFixture.metricSample(t, "web-hot", 95 + i * 0.5, 4000, 8000), t));
        }
        corpus.add(new Line(
                false,
                SYSLOG_TIME.format(attack.plusSeconds(400)) + " bastion-01 sudo:  mallory : TTY=pts/0 ;"
                        + " PWD=/home/mallory ; USER=root ; COMMAND=/bin/bash",
                attack.plusSeconds(400)));
        corpus.sort((a, b) -> a.time().compareTo(b.time()));
        return corpus;
    }

    private static Line sshd(Instant time, String host, int pid, String message) {
        return new Line(false, SYSLOG_TIME.format(time) + " " + host + " sshd[" + pid + "]: " + message, time);
    }
}

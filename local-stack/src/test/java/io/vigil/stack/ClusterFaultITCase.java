package io.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.AlertFields;
import io.vigil.common.ElasticsearchRest;
import io.vigil.common.Indices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 22's fault test: the cluster of {@code ./vigil up --cluster} (separate JVMs for three
 * brokers, two Elasticsearch nodes, a JobManager and two TaskManagers; the job at parallelism 4)
 * while a shipper streams logs with planted attacks. One after the other, and without bringing
 * them back, a TaskManager, a Kafka broker and an Elasticsearch node are killed with SIGKILL.
 * Afterwards every record Kafka acknowledged is stored exactly once (the same set of document
 * ids), every planted attack raised exactly one alert counting exactly its events, and the job
 * runs. Each fault's recovery time (kill to the first record sent after it being searchable) is
 * printed for the note.
 */
class ClusterFaultITCase {
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);
    private static ClusterStack cluster;
    private static ElasticsearchRest es;
    private static final Indices INDICES = new Indices("vigil");

    @BeforeAll
    static void startCluster() throws Exception {
        Path home =
                Path.of(System.getProperty("vigil.home", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("vigil-it-cluster");
        cluster = ClusterStack.start(
                ClusterLayout.onFreePorts(home, data, Map.of()),
                false,
                // a checkpoint before the first fault, so recovery restores state, not only replays
                List.of("--checkpoint.interval", "5s"),
                line -> System.out.println("[cluster] " + line));
        // the last node that stays up: the test must still read while the other is down
        es = new ElasticsearchRest(
                "http://localhost:" + cluster.layout().elasticsearch().get(0).httpPort(), null, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyRecordIsStoredOnceAndEveryAttackAlertsOnceWhileMembersDie() throws Exception {
        FlinkRest flink = cluster.flink();
        Map<String, Double> recovery = new java.util.LinkedHashMap<>();
        try (ClusterTraffic traffic = new ClusterTraffic(cluster.layout().kafkaBootstrap())) {
            awaitCompletedCheckpoint(flink, cluster.jobId(), Duration.ofMinutes(2));
            recovery.put(busiestTaskManager(flink), null);
            recovery.put("kafka-2", null);
            recovery.put("es-2", null);
            for (String member : new ArrayList<>(recovery.keySet())) {
                Thread.sleep(5_000);
                int failoversBefore = flink.failovers(cluster.jobId());
                traffic.mark();
                long killed = System.nanoTime();
                cluster.member(member).kill();
                String firstAfter = awaitFirstIdAfterMark(traffic);
                awaitStored(firstAfter, RECOVERY_TIMEOUT);
                recovery.put(member, (System.nanoTime() - killed) / 1e9);
                flink.awaitRunning(cluster.jobId(), RECOVERY_TIMEOUT);
                int failovers = flink.failovers(cluster.jobId()) - failoversBefore;
                if (member.startsWith("flink-taskmanager")) {
                    // the fault reached the job: its tasks there died and were restored elsewhere
                    assertThat(failovers)
                            .as("failovers after killing " + member)
                            .isPositive();
                }
                System.out.printf(
                        "[cluster] %s killed: stored again after %.1f s, %d failover(s) of the job%n",
                        member, recovery.get(member), failovers);
                flink.failoverCauses(cluster.jobId()).stream()
                        .limit(failovers)
                        .forEach(cause -> System.out.println("[cluster]   " + cause));
                assertThat(traffic.failure()).as("the shipper's sends").isNull();
            }
            Thread.sleep(10_000); // attacks planted after the last fault, and event time past them
            traffic.finish();
            assertThat(traffic.failure()).as("the shipper's sends").isNull();

            Set<String> expected = traffic.acknowledged();
            assertThat(expected).hasSize((int) traffic.sent());
            awaitCount(INDICES.logsPattern(), expected.size(), RECOVERY_TIMEOUT);
            assertThat(storedIds(INDICES.logsPattern()))
                    .as("stored log document ids")
                    .isEqualTo(expected);

            List<ClusterTraffic.Attack> planted = traffic.planted();
            assertThat(planted).hasSizeGreaterThan(6);
            Map<String, List<JsonNode>> alerts = awaitAlerts(planted, RECOVERY_TIMEOUT);
            for (ClusterTraffic.Attack attack : planted) {
                List<JsonNode> found = alerts.getOrDefault(attack.ruleId() + " " + attack.groupValue(), List.of());
                assertThat(found).as("alerts of " + attack).hasSize(1);
                if (attack.ruleId().equals("ssh-brute-force")) {
                    assertThat(found.get(0).path(AlertFields.COUNT).asInt())
                            .as("events counted by the alert of " + attack)
                            .isEqualTo(ClusterTraffic.FAILURES_PER_BRUTE_FORCE);
                }
            }
            assertThat(flink.jobState(cluster.jobId())).isEqualTo("RUNNING");
            System.out.printf(
                    "[cluster] %d records stored once, %d attacks alerted once; recovery (s): %s%n",
                    expected.size(), planted.size(), recovery);
        }
    }

    /** The TaskManager running most of the job's subtasks (fewest free slots), by name. */
    private static String busiestTaskManager(FlinkRest flink) throws IOException {
        return flink.taskManagers().stream()
                .min(java.util.Comparator.comparingInt(FlinkRest.TaskManager::freeSlots))
                .orElseThrow()
                .id();
    }

    private static void awaitCompletedCheckpoint(FlinkRest flink, String jobId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (flink.completedCheckpoints(jobId) < 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no checkpoint completed within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    private static String awaitFirstIdAfterMark(ClusterTraffic traffic) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        while (traffic.firstIdAfterMark() == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Kafka acknowledged nothing sent after the fault within " + RECOVERY_TIMEOUT);
            }
            Thread.sleep(50);
        }
        return traffic.firstIdAfterMark();
    }

    private static void awaitStored(String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String query = "{\"query\":{\"ids\":{\"values\":[\"" + id + "\"]}}}";
        while (count(INDICES.logsPattern(), query) < 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("record " + id + " was not stored within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static void awaitCount(String index, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = count(index, "{\"query\":{\"match_all\":{}}}");
            if (last >= expected) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(index + " holds " + last + " documents, not " + expected + ", after " + timeout);
    }

    private static long count(String index, String query) throws Exception {
        try {
            return es.post("/" + index + "/_count?ignore_unavailable=true", query)
                    .path("count")
                    .asLong();
        } catch (IOException notYet) {
            return -1; // the index does not exist yet, or a shard is being recovered
        }
    }

    /** Every document id of the index, through a scroll. */
    private static Set<String> storedIds(String index) throws Exception {
        Set<String> ids = new HashSet<>();
        JsonNode page = es.post("/" + index + "/_search?scroll=1m", "{\"size\":5000,\"_source\":false}");
        while (page.path("hits").path("hits").size() > 0) {
            for (JsonNode hit : page.path("hits").path("hits")) {
                ids.add(hit.path("_id").asText());
            }
            page = es.post(
                    "/_search/scroll",
                    "{\"scroll\":\"1m\",\"scroll_id\":\""
                            + page.path("_scroll_id").asText() + "\"}");
        }
        return ids;
    }

    /** The values in an alert's group key ({@code field=value}, space separated; see GroupKey). */
    private static Set<String> groupValues(JsonNode alert) {
        Set<String> values = new HashSet<>();
        for (String pair : alert.path(AlertFields.GROUP_KEY).asText().split(" ")) {
            values.add(pair.substring(pair.indexOf('=') + 1));
        }
        return values;
    }

    /** Alerts of the planted rules by "rule group-value", once each planted attack has one. */
    private static Map<String, List<JsonNode>> awaitAlerts(List<ClusterTraffic.Attack> planted, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, List<JsonNode>> byAttack = Map.of();
        while (System.nanoTime() < deadline) {
            byAttack = new HashMap<>();
            JsonNode hits = es.post(
                            "/" + INDICES.alerts() + "/_search",
                            "{\"size\":1000,\"query\":{\"terms\":{\"" + AlertFields.RULE_ID
                                    + "\":[\"ssh-brute-force\",\"sudo-root-non-admin\"]}}}")
                    .path("hits")
                    .path("hits");
            for (JsonNode hit : hits) {
                JsonNode alert = hit.path("_source");
                for (ClusterTraffic.Attack attack : planted) {
                    if (alert.path(AlertFields.RULE_ID).asText().equals(attack.ruleId())
                            && groupValues(alert).contains(attack.groupValue())) {
                        byAttack.computeIfAbsent(attack.ruleId() + " " + attack.groupValue(), k -> new ArrayList<>())
                                .add(alert);
                    }
                }
            }
            // An alert's updates after its first emission reach Elasticsearch up to the job's
            // alerts.update-interval later: wait for the brute forces' last failures too.
            if (byAttack.size() == planted.size()
                    && byAttack.entrySet().stream()
                            .filter(e -> e.getKey().startsWith("ssh-brute-force "))
                            .allMatch(e -> e.getValue().stream()
                                    .allMatch(a -> a.path(AlertFields.COUNT).asInt()
                                            >= ClusterTraffic.FAILURES_PER_BRUTE_FORCE))) {
                return byAttack;
            }
            Thread.sleep(1000);
        }
        return byAttack;
    }
}

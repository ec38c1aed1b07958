package io.vigil.job;

import static io.vigil.job.JobFixture.SYSLOG_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A producer that invents host names cannot grow the job's state without bound (issue 16): 100,000
 * invented hosts (metric samples and sshd lines, each host and source address new) grow the
 * checkpoint, and once event time has passed the retentions (rollup lateness, the anomaly
 * detectors' 24 h) the checkpoint is back at its base. Sizes are printed per operator.
 *
 * <p>{@code -Dvigil.bounded-state.hosts=N} changes the number of invented hosts.
 */
@ExtendWith(VigilServicesExtension.class)
class BoundedStateITCase {
    private static final Path CHECKPOINTS = checkpointDir();

    @org.junit.jupiter.api.extension.RegisterExtension
    static final MiniClusterExtension FLINK = FlinkClusters.twoSlots(fileCheckpoints());

    private static final int HOSTS = Integer.getInteger("vigil.bounded-state.hosts", 100_000);

    private static Path checkpointDir() {
        try {
            return Files.createTempDirectory("bounded-state-checkpoints");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job's production setting: the in-memory default holds 5 MB, 100,000 hosts need more. */
    private static Configuration fileCheckpoints() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, CHECKPOINTS.toUri().toString());
        return conf;
    }

    @Test
    void inventedHostsGrowTheCheckpointOnlyUntilTheirRetentionHasPassed(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        JobFixture job = new JobFixture(
                Services.get(),
                "bounded",
                Map.of(
                        JobOptions.INDEX_LOGS, "false", // state is the subject: no need to index 200,000 logs
                        JobOptions.CHECKPOINT_INTERVAL, "2s",
                        // The records are days old and event time is moved by hand (tick): a pause must not
                        // count as caught up, which would make event time jump to the wall clock.
                        JobOptions.IDLENESS, "1h",
                        // Rule groups are removed once their inputs are final: within seconds, not 5 minutes.
                        JobOptions.REORDER_WINDOW, "5s"));
        // Old enough that a day and more of event time can pass before now (records may not be ahead of Kafka's clock).
        Instant t0 = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        JobClient client = job.start();
        try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
            // Base: two real hosts, and event time moved past their first minute.
            for (int s = 0; s < 60; s += 5) {
                for (int p = 0; p < 2; p++) {
                    producer.send(JobFixture.record(job.metrics, p, sample("real-0" + p, t0.plusSeconds(s), 20 + s)));
                }
            }
            tick(producer, job, t0.plus(3, ChronoUnit.MINUTES));
            Thread.sleep(8_000);
            Sizes base = sizes(cluster, client);

            // 100,000 invented hosts, each with a metric sample and a failed ssh login from a new address.
            Instant burst = t0.plus(4, ChronoUnit.MINUTES);
            for (int i = 0; i < HOSTS; i++) {
                Instant at = burst.plusMillis(i % 50_000);
                String host = "invented-" + Integer.toString(i, 36);
                producer.send(JobFixture.record(job.metrics, i % 2, sample(host, at, i % 100)));
                producer.send(JobFixture.record(
                        job.threats,
                        i % 2,
                        SYSLOG_TIME.format(at) + " " + host
                                + " sshd[1]: Failed password for root from 10." + (i >> 16) + "." + ((i >> 8) & 255)
                                + "." + (i & 255)
                                + " port 22 ssh2"));
            }
            tick(producer, job, burst.plus(3, ChronoUnit.MINUTES));
            long minuteRollups = awaitCount(job, job.name + "-metrics-1m", HOSTS + 2, Duration.ofMinutes(10));
            assertThat(minuteRollups)
                    .as("every invented host's minute rolled up")
                    .isGreaterThanOrEqualTo(HOSTS);
            Thread.sleep(8_000);
            Sizes grown = sizes(cluster, client);

            // Event time moves on past every retention: rollup lateness (1 h, 3 h), the detectors' 24 h.
            tick(producer, job, t0.plus(Duration.ofHours(50)));
            Thread.sleep(15_000);
            Sizes after = sizes(cluster, client);

            System.out.printf(
                    "checkpoint bytes with %,d invented hosts: base %,d, grown %,d, after the retention %,d%n",
                    HOSTS, base.total, grown.total, after.total);
            System.out.printf("%-45s %14s %14s %14s%n", "operator", "base", "grown", "after");
            for (String operator : grown.byOperator.keySet()) {
                System.out.printf(
                        "%-45s %,14d %,14d %,14d%n",
                        operator,
                        base.byOperator.getOrDefault(operator, 0L),
                        grown.byOperator.get(operator),
                        after.byOperator.getOrDefault(operator, 0L));
            }
            assertThat(grown.total).as("the invented hosts are in state").isGreaterThan(base.total + HOSTS * 100L);
            assertThat(after.total)
                    .as("back to the base once the retention passed")
                    .isLessThan(base.total + HOSTS * 10L);
            assertThat(client.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            client.cancel().get();
        }
    }

    /** Like ElasticsearchHttp.awaitCount, through 429s: Elasticsearch shares this JVM's heap with the job. */
    private static long awaitCount(JobFixture job, String index, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = 0;
        while (count < atLeast && System.nanoTime() < deadline) {
            try {
                count = job.es.count(index);
            } catch (java.io.IOException busy) {
                // answered 429 while the heap is full: ask again
            }
            Thread.sleep(500);
        }
        return count;
    }

    private static String sample(String host, Instant at, double cpu) {
        return JobFixture.metricSample(at, host, cpu, 400, 1000);
    }

    /** A sample on each partition at the given time: event time moves on everywhere. */
    /** Moves event time to {@code at} on every partition of both topics. */
    private static void tick(KafkaProducer<byte[], byte[]> producer, JobFixture job, Instant at) {
        for (int p = 0; p < 2; p++) {
            producer.send(JobFixture.record(job.metrics, p, sample("real-0" + p, at, 10)));
            producer.send(JobFixture.record(job.threats, p, SYSLOG_TIME.format(at) + " real-0" + p + " cron[1]: tick"));
        }
        producer.flush();
    }

    /** Total and per-operator state of the latest completed checkpoint. */
    private record Sizes(long total, Map<String, Long> byOperator) {}

    private static Sizes sizes(MiniCluster cluster, JobClient client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long startedAfter = System.currentTimeMillis();
        CompletedCheckpointStats latest = null;
        AccessExecutionGraph graph = null;
        while (System.nanoTime() < deadline) {
            graph = cluster.getExecutionGraph(client.getJobID()).get();
            latest = graph.getCheckpointStatsSnapshot().getHistory().getLatestCompletedCheckpoint();
            if (latest != null && latest.getTriggerTimestamp() > startedAfter) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(latest).as("a checkpoint completed").isNotNull();
        Map<String, Long> byOperator = new LinkedHashMap<>();
        for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
            var stats = latest.getTaskStateStats(vertex.getJobVertexId());
            byOperator.put(vertex.getName(), stats == null ? 0L : stats.getStateSize());
        }
        return new Sizes(latest.getStateSize(), byOperator);
    }
}

package io.vigil.job;

import static io.vigil.job.JobFixture.SYSLOG_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ingestion guarantees of issue 4, against real Kafka, Elasticsearch and a MiniCluster. */
@ExtendWith(VigilServicesExtension.class)
class IngestionITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkClusters.twoSlots(restartQuickly());

    private static Configuration restartQuickly() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        return conf;
    }

    @Test
    void rawSshdLinesBecomeOneDocumentEachAndBadRecordsDeadLetterWithoutARestart(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        JobFixture job = new JobFixture(Services.get(), "ingest", Map.of());
        Instant start = Instant.now().minusSeconds(3600);
        int failed = 0;
        try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
            for (int i = 0; i < 2000; i++) {
                String time = SYSLOG_TIME.format(start.plusSeconds(i));
                String host = "bastion-0" + (i % 3);
                String ip = "203.0.113." + (i % 200);
                String message = switch (i % 4) {
                    case 0, 1 ->
                        "Failed password for " + (i % 8 == 0 ? "invalid user admin" : "root") + " from " + ip + " port "
                                + (40000 + i) + " ssh2";
                    case 2 ->
                        "Accepted publickey for deploy from 10.0.0." + (i % 50) + " port " + (50000 + i) + " ssh2";
                    default -> "Connection closed by " + ip + " port " + (40000 + i) + " [preauth]";
                };
                if (i % 4 < 2) {
                    failed++;
                }
                producer.send(JobFixture.record(
                        job.threats, i % 2, time + " " + host + " sshd[" + (1000 + i) + "]: " + message));
            }
            // One of each kind of bad input the issue names.
            String[] bad = {
                "{\"host\":\"x\",",
                "{\"timestamp\":\"3000-01-01T00:00:00Z\",\"host\":\"x\",\"cpu_usage\":1}",
                "{\"timestamp\":\"1970-01-01T00:00:00Z\",\"host\":\"x\",\"cpu_usage\":1}",
                "{\"host\":\"x\",\"cpu_usage\":\"high\"}",
                "{\"host\":\"x\",\"cpu_usage\":-5}",
                "{\"host\":\"x\",\"memory_usage\":{\"percentage\":180}}",
            };
            for (String b : bad) {
                producer.send(JobFixture.record(job.metrics, 0, b));
            }
            producer.send(
                    new ProducerRecord<>(job.threats, 1, null, new byte[] {(byte) 0xfe, (byte) 0xff, 0x00, 0x41}));
            byte[] garbage = new byte[512];
            new java.util.Random(7).nextBytes(garbage);
            garbage[0] = (byte) 0xff;
            producer.send(new ProducerRecord<>(job.threats, 1, null, garbage));
            producer.send(new ProducerRecord<>(job.metrics, 1, null, new byte[5 * 1024 * 1024]));
            producer.flush();
        }
        int badCount = 9;

        JobClient client = job.start();
        try {
            assertThat(job.es.awaitCount(job.logs(), n -> n >= 2000, Duration.ofSeconds(120)))
                    .isEqualTo(2000);
            assertThat(job.es.awaitCount(job.deadLetters(), n -> n >= badCount, Duration.ofSeconds(60)))
                    .isEqualTo(badCount);

            long failures = job.es.count(
                    job.logs(),
                    "event.action:ssh_login AND event.outcome:failure"
                            + " AND _exists_:source.ip AND _exists_:protected.hash.user.name AND process.name:sshd");
            assertThat(failures).isEqualTo(failed);
            long withoutHeader = job.es.count(job.logs(), "(NOT _exists_:process.pid) OR host:unknown");
            assertThat(withoutHeader).isZero();
            String reasons =
                    job.es.get("/" + job.deadLetters() + "/_search?size=20").body();
            assertThat(reasons)
                    .contains(
                            "invalid JSON",
                            "timestamp out of range",
                            "cpu_usage must be a number",
                            "memory_usage.percentage",
                            "not valid UTF-8",
                            "over the limit of 1048576 bytes",
                            "+truncated");

            assertThat(client.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(cluster.getExecutionGraph(client.getJobID()).get().getFailureInfo())
                    .as("the job never failed or restarted")
                    .isNull();
        } finally {
            client.cancel().get();
        }
    }

    @Test
    void aTaskManagerKilledMidStreamLosesAndDoublesNothing(@InjectMiniCluster MiniCluster cluster) throws Exception {
        JobFixture job = new JobFixture(Services.get(), "exactly", Map.of(JobOptions.CHECKPOINT_INTERVAL, "500ms"));
        Instant start = Instant.now().minusSeconds(7200);
        JobClient client = job.start();
        try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
            produceSamples(producer, job, start, 0, 3000);
            assertThat(job.es.awaitCount(job.logs(), n -> n >= 1000, Duration.ofSeconds(90)))
                    .isGreaterThanOrEqualTo(1000);

            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            produceSamples(producer, job, start, 3000, 6000);

            assertThat(job.es.awaitCount(job.logs(), n -> n >= 6000, Duration.ofSeconds(120)))
                    .isEqualTo(6000);
            Thread.sleep(3000); // replays after the restart must have overwritten, not added
            assertThat(job.es.count(job.logs())).isEqualTo(6000);
            assertThat(cluster.getExecutionGraph(client.getJobID()).get().getFailureInfo())
                    .as("the TaskManager really failed the job")
                    .isNotNull();
        } finally {
            client.cancel().get();
        }
    }

    private static void produceSamples(
            KafkaProducer<byte[], byte[]> producer, JobFixture job, Instant start, int from, int to) {
        for (int i = from; i < to; i++) {
            String sample = JobFixture.metricSample(
                    start.plusMillis(i * 100L), "node-" + (i % 7), (i % 100) * 0.9, i % 1000, 1000);
            producer.send(JobFixture.record(job.metrics, i % 2, sample));
        }
        producer.flush();
    }
}

package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which operators share the task that reads Kafka: every event is handed among them by a method
 * call, and only what they send on crosses the network (issue 18: each record that crosses is
 * serialized, hashed to its key group and read again).
 */
class SourceChainTest {
    @Test
    void everyPerEventStageBeforeTheKeyedOperatorsRunsInTheSourceTask(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys.properties");
        io.vigil.common.protect.FieldKeys.createIfAbsent(keys);
        JobOptions options = JobOptions.of(Map.of(
                JobOptions.KAFKA_BOOTSTRAP, "localhost:1",
                JobOptions.ES_HOSTS, "http://localhost:1",
                JobOptions.RULES_PATH, "../rules",
                JobOptions.PROTECT_KEYS_FILE, keys.toString()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new VigilJob(options, Connectors.kafkaSource(options), JobSinks.discarding()).build(env);
        List<String> tasks = StreamSupport.stream(
                        env.getStreamGraph().getJobGraph().getVertices().spliterator(), false)
                .map(JobVertex::getName)
                .toList();

        String source = tasks.stream()
                .filter(name -> name.startsWith("Source: kafka-records"))
                .findFirst()
                .orElseThrow();
        assertThat(source)
                .contains("parse-records", "enrich", "detect-rules", "encrypt-fields", "logs-sink", "rollup-partials");
        assertThat(tasks).as("no task of its own").noneMatch(name -> name.startsWith("rollup-partials"));
    }
}

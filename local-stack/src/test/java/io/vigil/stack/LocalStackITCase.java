package io.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton end to end: the stack as `./vigil up` starts it, a metric sample
 * produced to Kafka, found through {@code GET /logs} over HTTP with a token.
 */
@ExtendWith(LocalStackExtension.class)
class LocalStackITCase {

    private final LocalStack stack = LocalStackExtension.stack();
    private final ApiClient api = new ApiClient(stack.settings().apiUrl());

    @Test
    void theShadedJarWasSubmittedThroughFlinksRestApiAndRuns() throws Exception {
        ApiClient flink = new ApiClient(stack.settings().flinkUrl());
        JsonNode jars = flink.getJson("/jars", null);
        assertThat(jars.path("files").get(0).path("name").asText()).isEqualTo("vigil-flink-job.jar");
        JsonNode job = flink.getJson("/jobs/" + stack.jobId(), null);
        assertThat(job.path("name").asText()).isEqualTo("Vigil");
        assertThat(job.path("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void theJobRunsAtTheParallelismFlinkConfSays() throws Exception {
        int configured = org.apache.flink.configuration.GlobalConfiguration.loadConfiguration(
                        stack.settings().flinkConf().toAbsolutePath().toString())
                .get(org.apache.flink.configuration.CoreOptions.DEFAULT_PARALLELISM);
        assertThat(configured).isGreaterThan(1);
        JsonNode job = new ApiClient(stack.settings().flinkUrl()).getJson("/jobs/" + stack.jobId(), null);
        assertThat(job.path("vertices"))
                .isNotEmpty()
                .allSatisfy(vertex -> assertThat(vertex.path("parallelism").asInt())
                        .as(vertex.path("name").asText())
                        .isEqualTo(configured));
    }

    @Test
    void aMetricSampleProducedToKafkaIsServedByGetLogs() throws Exception {
        String host = "it-web-" + Long.toHexString(System.nanoTime());
        Instant time = Instant.now().minusSeconds(5);
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(
                            new ProducerRecord<>(
                                    Topics.METRICS,
                                    host,
                                    "{\"timestamp\":\"" + time + "\",\"host\":\"" + host
                                            + "\",\"cpu_usage\":93.5,\"memory_usage\":{\"used\":7516192768,\"total\":8589934592,"
                                            + "\"percentage\":87.5},\"network\":{\"in_bytes_per_sec\":120000,\"out_bytes_per_sec\":5400000}}"))
                    .get();
        }
        String token = api.token("admin", LocalStackExtension.ADMIN_PASSWORD);

        JsonNode page = null;
        long deadline = System.nanoTime() + 30_000_000_000L; // the bound: within 30 s
        while (System.nanoTime() < deadline) {
            // The first write creates the day's index; until its shard is started a search may
            // answer 503, which a client retries like any other "not there yet".
            var response = api.get("/logs?host=" + host, token);
            if (response.statusCode() == 200) {
                page = ApiClient.JSON.readTree(response.body());
                if (page.path("total").asLong() > 0) {
                    break;
                }
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            }
            Thread.sleep(250);
        }
        assertThat(page).as("GET /logs never answered 200 within 30 s").isNotNull();
        assertThat(page.path("total").asLong()).isEqualTo(1);
        JsonNode item = page.path("items").get(0);
        assertThat(item.path("host").asText()).isEqualTo(host);
        assertThat(Instant.parse(item.path("timestamp").asText()).toEpochMilli())
                .isEqualTo(time.toEpochMilli());
        assertThat(item.path("kind").asText()).isEqualTo("metric");
        assertThat(item.path("topic").asText()).isEqualTo(Topics.METRICS);
        assertThat(item.path("cpu_usage").asDouble()).isEqualTo(93.5);
        assertThat(item.path("memory_usage").path("percentage").asDouble()).isEqualTo(87.5);
        assertThat(item.path("id").asText()).startsWith(Topics.METRICS + "-");

        JsonNode byGlob = api.getJson("/logs?host=it-web-*&size=500", token);
        assertThat(byGlob.path("items").findValuesAsText("host")).contains(host);
    }

    @Test
    void theDataDirAndFlinksCheckpointsAreOwnerOnly() throws Exception {
        Path data = stack.settings().dataDir();
        for (Path dir : List.of(data, data.resolve("flink"), data.resolve("flink/checkpoints"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .as(dir.toString())
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void dataEndpointsNeedAGoodToken() throws Exception {
        assertThat(api.login("admin", "wrong-password").statusCode()).isEqualTo(401);
        assertThat(api.get("/logs", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/logs", "not.a.token").statusCode()).isEqualTo(401);
        String token = api.token("admin", LocalStackExtension.ADMIN_PASSWORD);
        assertThat(api.get("/logs", token).statusCode()).isEqualTo(200);
        assertThat(api.get("/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardIsServedUnderUi() throws Exception {
        var root = api.get("/", null);
        assertThat(root.statusCode()).isIn(301, 302, 303, 307, 308);
        assertThat(root.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/ui/"));
        var ui = api.get("/ui/", null);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("<div id=\"app\"");
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().kafkaBootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}

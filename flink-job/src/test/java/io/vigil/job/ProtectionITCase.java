package io.vigil.job;

import static io.vigil.job.JobFixture.SYSLOG_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.KeyedHash;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Protection at rest (issue 11), through the production wiring: secrets in messages, unknown
 * fields and dead letters are redacted, and encrypted fields are in neither the stored
 * {@code _source} nor the Elasticsearch data on disk, while their keyed hash still finds them.
 */
@ExtendWith(VigilServicesExtension.class)
class ProtectionITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "zelda9x";
    private static final String HOST = "ctrlhost-q7z";
    private static final String PASSWORD = "Tr0ub4dorX9";
    private static final String API_KEY = "ak_live_9f8e7d6c5b";
    private static final String DEAD_PASSWORD = "Sw0rdfishX7";

    @Test
    void secretsAndEncryptedFieldsNeverReachStorageInClear() throws Exception {
        JobFixture job = new JobFixture(Services.get(), "protect", Map.of());
        Instant start = Instant.now().minusSeconds(600);
        int failures = 20;
        try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
            for (int i = 0; i < failures; i++) {
                producer.send(JobFixture.record(
                        job.threats,
                        0,
                        "<38>" + SYSLOG_TIME.format(start.plusSeconds(i)) + " " + HOST
                                + " sshd[4242]: Failed password for " + USER + " from 198.51.100.7 port 5" + i
                                + "22 ssh2"));
            }
            producer.send(JobFixture.record(
                    job.threats,
                    0,
                    "<38>" + SYSLOG_TIME.format(start.plusSeconds(30)) + " " + HOST + " app[12]: login ok password="
                            + PASSWORD + " user=svc"));
            producer.send(JobFixture.record(
                    job.threats,
                    1,
                    "{\"timestamp\":\"" + start.plusSeconds(31) + "\",\"host\":\"" + HOST
                            + "\",\"message\":\"deploy started\",\"deploy\":{\"api_key\":\"" + API_KEY + "\"}}"));
            producer.send(JobFixture.record(
                    job.threats, 1, "{\"host\":\"" + HOST + "\", broken json password=" + DEAD_PASSWORD));
            producer.flush();
        }

        JobClient client = job.start();
        try {
            assertThat(job.es.awaitCount(job.logs(), n -> n >= failures + 2, Duration.ofSeconds(120)))
                    .isEqualTo(failures + 2);
            assertThat(job.es.awaitCount(job.deadLetters(), n -> n >= 1, Duration.ofSeconds(60)))
                    .isEqualTo(1);

            String logs = job.es.get("/" + job.logs() + "/_search?size=100").body();
            String deadLetters =
                    job.es.get("/" + job.deadLetters() + "/_search?size=10").body();
            assertThat(logs).contains(HOST).doesNotContain(USER, PASSWORD, API_KEY);
            assertThat(deadLetters).contains(HOST).doesNotContain(DEAD_PASSWORD).contains("[REDACTED:credential:");
            assertThat(logs)
                    .contains(
                            "Failed password for «user.name» from",
                            "password=[REDACTED:credential:",
                            "\"api_key\":\"[REDACTED:credential:");

            // The failures are a brute force: its alert names the last user by marker, with the
            // ciphertext beside it, and the alerts index holds the name nowhere in clear.
            Map<String, JsonNode> alerts = job.awaitAlerts("rule_id:ssh-brute-force", found -> !found.isEmpty());
            assertThat(alerts).hasSize(1);
            JsonNode alert = alerts.values().iterator().next();
            assertThat(alert.path("summary").asText()).endsWith("(last as «user.name[0]» on " + HOST + ")");
            assertThat(job.es.get("/" + job.name + "-alerts/_search?size=100").body())
                    .doesNotContain(USER);
            FieldKeys keys = FieldKeys.load(job.keysFile);
            assertThat(new FieldCipher(keys)
                            .decrypt(
                                    "user.name",
                                    alert.path("protected")
                                            .path("cipher.user.name")
                                            .path(0)
                                            .asText()))
                    .isEqualTo(USER);

            String hash = new KeyedHash(keys).of(KeyedHash.FIELD_VALUES, USER);
            assertThat(job.es.count(job.logs(), "protected.hash.user.name:" + hash))
                    .isEqualTo(failures);
            JsonNode doc = JSON.readTree(job.es
                            .get("/" + job.logs() + "/_search?size=1&q=protected.hash.user.name:" + hash)
                            .body())
                    .path("hits")
                    .path("hits")
                    .path(0)
                    .path("_source");
            assertThat(new FieldCipher(keys)
                            .decrypt(
                                    "user.name",
                                    doc.path("protected")
                                            .path("cipher.user.name")
                                            .asText()))
                    .isEqualTo(USER);

            // On disk: the translog holds every document as indexed. The host name is found
            // there, which shows the scan can see what is stored; the protected values are not.
            Path esData = Services.get().dir.resolve("es");
            assertThat(filesContaining(esData, HOST)).isNotEmpty();
            for (String secret : List.of(USER, PASSWORD, API_KEY, DEAD_PASSWORD)) {
                assertThat(filesContaining(esData, secret))
                        .as(secret + " on disk")
                        .isEmpty();
            }
        } finally {
            client.cancel().get();
        }
    }

    private static List<Path> filesContaining(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                try {
                    if (contains(Files.readAllBytes(file), needle)) {
                        found.add(file);
                    }
                } catch (IOException e) {
                    if (Files.exists(file)) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

package io.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.WebOptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs on these machines, so the compose file is validated, not run: Debian's
 * docker-compose parses it and resolves every reference. `./vigil test` installs docker-compose;
 * in CI a missing one fails the test instead of skipping it.
 */
class DockerComposeConfigTest {
    private static final Path HOME =
            Path.of(System.getProperty("vigil.home", "..")).toAbsolutePath().normalize();

    @Test
    void composeFileIsValid() throws Exception {
        boolean installed = new ProcessBuilder("sh", "-c", "command -v docker-compose")
                        .start()
                        .waitFor()
                == 0;
        if (System.getenv("CI") == null) {
            assumeTrue(installed, "docker-compose is not installed (./vigil test installs it)");
        }
        Process check = new ProcessBuilder(
                        "docker-compose",
                        "-f",
                        HOME.resolve("docker-compose.yml").toString(),
                        "config",
                        "-q")
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
    }

    @Test
    void theClusterMountsTheSameFlinkConfTheLocalStackLoads() throws Exception {
        String compose = Files.readString(HOME.resolve("docker-compose.yml"));
        assertThat(compose)
                .contains(
                        "./flink-conf:/opt/vigil/flink-conf:ro",
                        "flink:1.20-java17",
                        "./flink-job/target/vigil-flink-job.jar");
        assertThat(HOME.resolve("flink-conf/config.yaml")).exists();
    }

    @Test
    void composeCreatesTheTopicsWithTheSettingsTheLocalStackUses() throws Exception {
        String script = Files.readString(HOME.resolve("scripts/compose/kafka-run.sh"));
        io.vigil.common.Topics.CONFIG.forEach(
                (key, value) -> assertThat(script).contains("--config " + key + "=" + value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws Exception {
        return (Map<String, Object>) new Yaml().load(Files.readString(HOME.resolve("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> networks(Map<String, Object> service) {
        Object networks = service.get("networks");
        return networks instanceof Map<?, ?> map
                ? List.copyOf((java.util.Set<String>) map.keySet())
                : networks == null ? List.of("default") : (List<String>) networks;
    }

    @Test
    void flinksRestApiIsNotPublishedAndTheQueryServiceCannotReachIt() throws Exception {
        Map<String, Object> compose = compose();
        Map<String, Object> jobmanager = service(compose, "jobmanager");
        assertThat(jobmanager).doesNotContainKey("ports");
        assertThat(networks(service(compose, "query-service")))
                .as("the public API's networks")
                .doesNotContainAnyElementsOf(networks(jobmanager))
                .doesNotContainAnyElementsOf(networks(service(compose, "kafka")));
        // The optional operator file publishes it on the host's loopback only.
        Map<?, ?> admin = new Yaml().load(Files.readString(HOME.resolve("docker-compose.flink-admin.yml")));
        assertThat(admin.toString()).contains("127.0.0.1:8081:8081");
        Process check = new ProcessBuilder(
                        "docker-compose",
                        "-f",
                        HOME.resolve("docker-compose.yml").toString(),
                        "-f",
                        HOME.resolve("docker-compose.flink-admin.yml").toString(),
                        "config",
                        "-q")
                .redirectErrorStream(true)
                .start();
        boolean installed = new ProcessBuilder("sh", "-c", "command -v docker-compose")
                        .start()
                        .waitFor()
                == 0;
        if (installed) {
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(output).isZero();
        }
    }

    @Test
    void theClustersWebUiMayNeitherRunJarsNorCancelJobs() {
        Configuration conf =
                GlobalConfiguration.loadConfiguration(HOME.resolve("flink-conf").toString());
        assertThat(conf.get(WebOptions.SUBMIT_ENABLE)).isFalse();
        assertThat(conf.get(WebOptions.CANCEL_ENABLE)).isFalse();
    }

    @Test
    void kafkaAuthorizesEveryClientAndHasNoSharedClientUser() throws Exception {
        Map<String, Object> kafka = service(compose(), "kafka");
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) kafka.get("environment");
        assertThat(env)
                .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_SUPER_USERS", "User:ANONYMOUS")
                .doesNotContainKey("VIGIL_KAFKA_CLIENT_PASSWORD");
        // ANONYMOUS is super: only the PLAINTEXT listeners are anonymous, and they are on loopback.
        String listeners = String.valueOf(env.get("KAFKA_LISTENERS"));
        String protocols = String.valueOf(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"));
        for (String listener : listeners.split(",")) {
            String name = listener.substring(0, listener.indexOf(':'));
            if (protocols.contains(name + ":PLAINTEXT")) {
                assertThat(listener).as(name).contains("//127.0.0.1:");
            } else {
                assertThat(protocols).contains(name + ":SASL_SSL");
            }
        }
        assertThat(Files.readString(HOME.resolve("scripts/compose-secrets.sh"))).doesNotContain("vigil-client");
        assertThat(Files.readString(HOME.resolve("scripts/compose/kafka-run.sh")))
                .contains("grant_job vigil-job")
                .doesNotContain("vigil-client");
    }

    @Test
    void theQueryServicesDataDirIsTheVolumeItsImagePreparesForItsUser() throws Exception {
        Map<String, Object> queryService = service(compose(), "query-service");
        String dockerfile = Files.readString(HOME.resolve("query-service/Dockerfile"));
        java.util.regex.Matcher imageData =
                java.util.regex.Pattern.compile("VIGIL_DATA=(\\S+)").matcher(dockerfile);
        assertThat(imageData.find()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) queryService.get("environment");
        String dataDir = env != null && env.get("VIGIL_DATA") != null
                ? String.valueOf(env.get("VIGIL_DATA"))
                : imageData.group(1);
        assertThat(dataDir).as("VIGIL_DATA in compose and in the image").isEqualTo(imageData.group(1));
        assertThat(dockerfile).contains("chown vigil:vigil " + dataDir).contains("VOLUME " + dataDir);
        @SuppressWarnings("unchecked")
        List<String> volumes = (List<String>) queryService.get("volumes");
        assertThat(volumes).anySatisfy(v -> assertThat(v).matches("[a-z-]+:" + java.util.regex.Pattern.quote(dataDir)));
    }
}

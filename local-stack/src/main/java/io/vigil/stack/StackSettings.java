package io.vigil.stack;

import io.vigil.common.FreePorts;
import io.vigil.common.Indices;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack lives and listens. {@link #defaults} gives the CONTRACT.md ports;
 * tests use free ports and a temporary data dir.
 *
 * @param home           the repository checkout (jars, flink-conf/, rules/)
 * @param dataDir        everything that must survive a restart (VIGIL_DATA)
 * @param queryEnv       extra environment for the query service (e.g. VIGIL_ADMIN_PASSWORD in tests)
 * @param secureKafka    {@code --secure}: Kafka's client port accepts only TLS + SASL/SCRAM
 */
public record StackSettings(
        Path home,
        Path dataDir,
        int kafkaPort,
        int kafkaControllerPort,
        int elasticsearchPort,
        int flinkPort,
        int httpPort,
        String indexPrefix,
        Map<String, String> queryEnv,
        boolean secureKafka) {

    /** A stack whose Kafka speaks PLAINTEXT, index prefix {@code vigil}. */
    public static StackSettings onPorts(
            Path home,
            Path dataDir,
            int kafkaPort,
            int kafkaControllerPort,
            int elasticsearchPort,
            int flinkPort,
            int httpPort,
            Map<String, String> queryEnv) {
        return new StackSettings(
                home,
                dataDir,
                kafkaPort,
                kafkaControllerPort,
                elasticsearchPort,
                flinkPort,
                httpPort,
                Indices.DEFAULT_PREFIX,
                queryEnv,
                false);
    }

    /** Free ports: tests, the benchmark's own stacks. */
    public static StackSettings onFreePorts(Path home, Path dataDir, Map<String, String> queryEnv) {
        return onPorts(
                home,
                dataDir,
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next(),
                queryEnv);
    }

    /** {@code ./vigil up}'s ports (CONTRACT.md). */
    public static StackSettings defaults(Path home, Path dataDir) {
        return onPorts(home, dataDir, 9092, 9093, 9200, 8081, 8080, Map.of());
    }

    public Path jobJar() {
        return home.resolve("flink-job/target/vigil-flink-job.jar");
    }

    public Path queryServiceJar() {
        return home.resolve("query-service/target/vigil-query-service.jar");
    }

    public Path flinkConf() {
        return home.resolve("flink-conf");
    }

    /** flink-conf's {@code parallelism.default}: what the job is submitted at (see FlinkRest#runJar). */
    public int flinkParallelism() {
        return org.apache.flink.configuration.GlobalConfiguration.loadConfiguration(
                        flinkConf().toAbsolutePath().toString())
                .get(org.apache.flink.configuration.CoreOptions.DEFAULT_PARALLELISM);
    }

    public Path rules() {
        return home.resolve("rules");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    public String elasticsearchUrl() {
        return "http://localhost:" + elasticsearchPort;
    }

    public String flinkUrl() {
        return "http://localhost:" + flinkPort;
    }

    /** The same stack with the API and dashboard on HTTPS (the query service's VIGIL_TLS). */
    public StackSettings withTls(int httpsPort) {
        Map<String, String> env = new java.util.HashMap<>(queryEnv);
        env.put("VIGIL_TLS", "true");
        env.put("VIGIL_HTTPS_PORT", String.valueOf(httpsPort));
        return with(Map.copyOf(env), secureKafka);
    }

    /** The same stack with Kafka accepting only TLS + SASL/SCRAM ({@code --secure}). */
    public StackSettings withSecureKafka() {
        return with(queryEnv, true);
    }

    private StackSettings with(Map<String, String> queryEnv, boolean secureKafka) {
        return new StackSettings(
                home,
                dataDir,
                kafkaPort,
                kafkaControllerPort,
                elasticsearchPort,
                flinkPort,
                httpPort,
                indexPrefix,
                queryEnv,
                secureKafka);
    }

    /** {@code --secure}: CA, client settings and the job's secrets file, owner-only. */
    public Path secretsDir() {
        return dataDir.resolve("secrets");
    }

    public boolean tls() {
        return "true".equals(queryEnv.get("VIGIL_TLS"));
    }

    public int httpsPort() {
        return Integer.parseInt(queryEnv.getOrDefault("VIGIL_HTTPS_PORT", "8443"));
    }

    /** Where the API and dashboard answer: HTTPS when TLS is on (plain HTTP then only redirects). */
    public String apiUrl() {
        return tls() ? "https://localhost:" + httpsPort() : "http://localhost:" + httpPort;
    }
}

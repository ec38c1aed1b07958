package io.vigil.embedded;

import io.vigil.common.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A secure broker (TLS + SASL/SCRAM, {@link EmbeddedKafka#startSecure}) in its own temporary
 * directory, with certificates from scripts/certs.sh and the given SCRAM users, for tests.
 * Closing it stops the broker and deletes the directory: keys and passwords of a test only,
 * still, none are left behind.
 */
public final class SecureKafkaFixture implements AutoCloseable {
    private final Path dir;
    private final Path certs;
    private final KafkaSecurity security;
    private final EmbeddedKafka kafka;

    private SecureKafkaFixture(Path dir, Path certs, KafkaSecurity security, EmbeddedKafka kafka) {
        this.dir = dir;
        this.certs = certs;
        this.security = security;
        this.kafka = kafka;
    }

    /**
     * A broker with certificates from the scripts/certs.sh of the repository the test runs in
     * ({@code vigil.home}, else the parent of the module directory, as Maven runs tests).
     *
     * @param users SCRAM user name → password
     */
    public static SecureKafkaFixture start(Map<String, String> users, List<String> topics) throws Exception {
        Path home =
                Path.of(System.getProperty("vigil.home", "..")).toAbsolutePath().normalize();
        return start(home, users, topics, Map.of());
    }

    /**
     * The same from the repository at {@code home} (where scripts/certs.sh is), with more broker
     * settings ({@link EmbeddedKafka#startSecure(Path, int, int, KafkaSecurity, Map)}).
     */
    public static SecureKafkaFixture start(
            Path home, Map<String, String> users, List<String> topics, Map<String, String> brokerSettings)
            throws Exception {
        Path dir = Files.createTempDirectory("vigil-secure-kafka");
        Path certs = CertificateScript.ensure(home, dir.resolve("certs"));
        KafkaSecurity security = KafkaSecurity.fromCertsDir(certs, users);
        EmbeddedKafka kafka = EmbeddedKafka.startSecure(
                dir.resolve("kafka"), FreePorts.next(), FreePorts.next(), security, brokerSettings);
        kafka.createTopics(topics, 1);
        return new SecureKafkaFixture(dir, certs, security, kafka);
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public KafkaSecurity security() {
        return security;
    }

    /** Settings for a client of this broker that logs in as {@code user}: TLS, SCRAM and where to connect. */
    public Map<String, Object> client(String user) {
        return client(security.clientProperties(user));
    }

    /**
     * Settings for a client of this broker with the given security settings, which a test may
     * have spoiled on purpose (no TLS, a wrong password): they and where to connect.
     */
    public Map<String, Object> client(Map<String, Object> securitySettings) {
        Map<String, Object> props = new HashMap<>(securitySettings);
        props.put("bootstrap.servers", kafka.bootstrap());
        return props;
    }

    /** The directory of the CA and server certificates. */
    public Path certs() {
        return certs;
    }

    /** The fixture's own directory, for a test's further files. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try {
            kafka.close();
        } finally {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}

package io.vigil.stack;

import io.vigil.common.protect.OwnerOnlyFiles;
import io.vigil.embedded.CertificateScript;
import io.vigil.embedded.KafkaSecurity;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Everything {@code ./vigil up --secure} keeps under {@code <data>/secrets/} (0700, each file
 * 0600): the CA and broker certificate from scripts/certs.sh ({@code tls/}), the SCRAM users'
 * passwords (generated once, {@code kafka-users.properties}), and ready-made client settings for
 * them: {@code client.properties} (Java clients, kafka-console-*), {@code kcat.conf}
 * ({@code kcat -F}) and {@code job.properties} (the Flink job's {@code --secrets.file}).
 */
public final class SecureKafkaFiles {
    /** The Flink job's Kafka user. */
    public static final String JOB_USER = "vigil-job";
    /** Everyone else's: the demo traffic, kcat, your own producers. */
    public static final String CLIENT_USER = "vigil-client";

    private final Path dir;
    private final KafkaSecurity security;

    private SecureKafkaFiles(Path dir, KafkaSecurity security) {
        this.dir = dir;
        this.security = security;
    }

    /** Creates what is missing (certificates and passwords survive restarts) and rewrites the client files. */
    static SecureKafkaFiles prepare(StackSettings settings) throws IOException {
        Path dir = OwnerOnlyFiles.directory(settings.secretsDir());
        Path tls = CertificateScript.ensure(settings.home(), dir.resolve("tls"));
        KafkaSecurity security = KafkaSecurity.fromCertsDir(tls, users(dir.resolve("kafka-users.properties")));
        SecureKafkaFiles files = new SecureKafkaFiles(dir, security);
        files.writeClientFiles(settings.kafkaBootstrap(), tls.resolve("ca.crt"));
        return files;
    }

    private static Map<String, String> users(Path file) throws IOException {
        Properties users = new Properties();
        if (Files.exists(file)) {
            users.load(new StringReader(Files.readString(file)));
        }
        boolean added = false;
        for (String user : new String[] {JOB_USER, CLIENT_USER}) {
            if (users.getProperty(user, "").isBlank()) {
                users.setProperty(user, randomPassword());
                added = true;
            }
        }
        if (added) {
            OwnerOnlyFiles.write(file, store(users, "Kafka SCRAM users of ./vigil up --secure (generated)"));
        }
        Map<String, String> byName = new LinkedHashMap<>();
        users.stringPropertyNames().forEach(name -> byName.put(name, users.getProperty(name)));
        return byName;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void writeClientFiles(String bootstrap, Path ca) throws IOException {
        Properties client = new Properties();
        client.setProperty("bootstrap.servers", bootstrap);
        security.clientProperties(CLIENT_USER).forEach((key, value) -> client.setProperty(key, String.valueOf(value)));
        OwnerOnlyFiles.write(
                clientProperties(),
                store(
                        client,
                        "Kafka client settings (user " + CLIENT_USER
                                + "): kafka-console-producer.sh --producer.config THIS_FILE ..."));

        OwnerOnlyFiles.write(
                kcatConfig(),
                "# kcat -F " + kcatConfig() + " -t system-metrics -C\n"
                        + "bootstrap.servers=" + bootstrap + "\n"
                        + "security.protocol=SASL_SSL\n"
                        + "sasl.mechanisms=" + KafkaSecurity.MECHANISM + "\n"
                        + "sasl.username=" + CLIENT_USER + "\n"
                        + "sasl.password=" + security.users().get(CLIENT_USER) + "\n"
                        + "ssl.ca.location=" + ca.toAbsolutePath() + "\n");

        Properties job = new Properties();
        security.clientProperties(JOB_USER)
                .forEach((key, value) -> job.setProperty("kafka." + key, String.valueOf(value)));
        OwnerOnlyFiles.write(jobSecretsFile(), store(job, "The Flink job's --secrets.file (user " + JOB_USER + ")"));
    }

    private static String store(Properties properties, String comment) throws IOException {
        StringWriter text = new StringWriter();
        properties.store(text, comment);
        return text.toString();
    }

    public KafkaSecurity security() {
        return security;
    }

    /** Settings for this stack's own clients (the demo traffic). */
    public Map<String, Object> clientSettings() {
        return security.clientProperties(CLIENT_USER);
    }

    public Path dir() {
        return dir;
    }

    public Path clientProperties() {
        return dir.resolve("client.properties");
    }

    public Path kcatConfig() {
        return dir.resolve("kcat.conf");
    }

    public Path jobSecretsFile() {
        return dir.resolve("job.properties");
    }
}

package io.vigil.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a secure {@link EmbeddedKafka} needs: its TLS key store, the trust store its clients use,
 * and the SCRAM users it accepts (name to password). The broker keeps only salted SCRAM
 * credentials derived from the passwords; the passwords themselves are for building clients.
 *
 * @param keystore           PKCS12 with the broker's key and certificate chain
 * @param truststore         PKCS12 with the CA that signed it
 */
public record KafkaSecurity(
        Path keystore, String keystorePassword, Path truststore, String truststorePassword, Map<String, String> users) {
    public static final String MECHANISM = "SCRAM-SHA-512";

    public KafkaSecurity {
        users = Map.copyOf(users);
    }

    /** The stores {@code scripts/certs.sh DIR} creates, with their passwords read from their files. */
    public static KafkaSecurity fromCertsDir(Path dir, Map<String, String> users) throws IOException {
        return new KafkaSecurity(
                dir.resolve("server.p12"),
                Files.readString(dir.resolve("server.p12.password")).trim(),
                dir.resolve("truststore.p12"),
                Files.readString(dir.resolve("truststore.password")).trim(),
                users);
    }

    /** Client settings for TLS (verifying the broker against the CA) + SCRAM as {@code user}. */
    public Map<String, Object> clientProperties(String user) {
        String password = users.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user " + user);
        }
        return clientProperties(user, password);
    }

    /** The same for any name and password (tests use it for credentials the broker must refuse). */
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("security.protocol", "SASL_SSL");
        props.put("sasl.mechanism", MECHANISM);
        props.put("sasl.jaas.config", jaasConfig(user, password));
        props.put("ssl.truststore.type", "PKCS12");
        props.put("ssl.truststore.location", truststore.toAbsolutePath().toString());
        props.put("ssl.truststore.password", truststorePassword);
        return props;
    }

    static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + quotable(user)
                + "\" password=\"" + quotable(password) + "\";";
    }

    static String quotable(String value) {
        if (value.contains("\"") || value.contains("\\")) {
            throw new IllegalArgumentException(
                    "Kafka user names and passwords here may not contain quotes or backslashes");
        }
        return value;
    }

    /** Never the passwords: records print every component otherwise. */
    @Override
    public String toString() {
        return "KafkaSecurity[keystore=" + keystore + ", truststore=" + truststore + ", users=" + users.keySet() + "]";
    }
}

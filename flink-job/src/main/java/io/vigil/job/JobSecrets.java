package io.vigil.job;

import io.vigil.common.protect.OwnerOnlyFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The job's credentials, from the owner-only properties file named by {@code --secrets.file}
 * (never from program arguments: Flink shows those in its web UI and REST API).
 *
 * <ul>
 *   <li>{@code kafka.*}: passed, without the prefix, to the Kafka source's client
 *       ({@code kafka.security.protocol=SASL_SSL}, {@code kafka.sasl.mechanism},
 *       {@code kafka.sasl.jaas.config}, {@code kafka.ssl.truststore.location}, ...)</li>
 *   <li>{@code es.username}, {@code es.password}: basic auth of the Elasticsearch sinks</li>
 *   <li>{@code es.ca-file}: PEM CA that Elasticsearch's HTTPS certificate must chain to</li>
 * </ul>
 *
 * A file that its group or others may read is refused: a readable secret is a leaked one.
 */
public final class JobSecrets implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final JobSecrets NONE = new JobSecrets(new Properties(), null, null, null);

    private final Properties kafka;
    private final String esUsername;
    private final String esPassword;
    private final String esCaPem;

    private JobSecrets(Properties kafka, String esUsername, String esPassword, String esCaPem) {
        this.kafka = kafka;
        this.esUsername = esUsername;
        this.esPassword = esPassword;
        this.esCaPem = esCaPem;
    }

    /** The secrets of {@code --secrets.file}, or none when the option is not given. */
    public static JobSecrets of(JobOptions options) {
        String file = options.secretsFile();
        if (file == null) {
            return NONE;
        }
        try {
            return load(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("--" + JobOptions.SECRETS_FILE + ": " + e.getMessage(), e);
        }
    }

    public static JobSecrets load(Path file) throws IOException {
        requireOwnerOnly(file);
        Properties all = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            all.load(in);
        }
        Properties kafka = new Properties();
        for (String key : all.stringPropertyNames()) {
            if (key.startsWith("kafka.")) {
                kafka.setProperty(
                        key.substring("kafka.".length()), all.getProperty(key).trim());
            }
        }
        String ca = blankToNull(all.getProperty("es.ca-file"));
        String caPem = ca == null ? null : Files.readString(file.resolveSibling(ca), StandardCharsets.US_ASCII);
        return new JobSecrets(
                kafka, blankToNull(all.getProperty("es.username")), blankToNull(all.getProperty("es.password")), caPem);
    }

    /** Refuses a missing file, and one its group or others may read or write (OwnerOnlyFiles). */
    static void requireOwnerOnly(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        OwnerOnlyFiles.requireOwnerOnly(file);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Client settings for the Kafka source (empty without a secrets file). */
    public Properties kafka() {
        Properties copy = new Properties();
        copy.putAll(kafka);
        return copy;
    }

    public String esUsername() {
        return esUsername;
    }

    public String esPassword() {
        return esPassword;
    }

    /** The {@code Authorization} header value of the basic auth, or null without credentials. */
    public String esAuthorization() {
        if (esUsername == null || esPassword == null) {
            return null;
        }
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((esUsername + ":" + esPassword).getBytes(StandardCharsets.UTF_8));
    }

    /** The PEM text of {@code es.ca-file} (read when loaded, so only the submitting side needs the file), or null. */
    public String esCaPem() {
        return esCaPem;
    }

    /** Names what is set, never a value. */
    @Override
    public String toString() {
        return "JobSecrets[kafka=" + kafka.stringPropertyNames() + ", es.username=" + (esUsername != null)
                + ", es.password=" + (esPassword != null) + ", es.ca-file=" + (esCaPem != null) + "]";
    }
}

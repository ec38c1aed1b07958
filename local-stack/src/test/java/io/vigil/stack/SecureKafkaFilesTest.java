package io.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `./vigil up --secure` leaves in the data dir for clients, and who may read it. */
class SecureKafkaFilesTest {
    private static final Path HOME =
            Path.of(System.getProperty("vigil.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path data;

    private StackSettings settings() {
        return StackSettings.onPorts(HOME, data, 19092, 19093, 19200, 18081, 18080, Map.of())
                .withSecureKafka();
    }

    @Test
    void secretsAreOwnerOnlyAndTheCertificatesPublic() throws Exception {
        SecureKafkaFiles files = SecureKafkaFiles.prepare(settings());

        assertThat(mode(files.dir())).isEqualTo("rwx------");
        assertThat(mode(files.dir().resolve("tls"))).isEqualTo("rwx------");
        try (Stream<Path> all = Files.walk(files.dir())) {
            all.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".crt"))
                    .forEach(f -> assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------"));
        }
        assertThat(files.jobSecretsFile()).exists();
    }

    @Test
    void theKcatConfigUsesTlsScramAndTheCa() throws Exception {
        SecureKafkaFiles files = SecureKafkaFiles.prepare(settings());
        Properties kcat = new Properties();
        kcat.load(new StringReader(Files.readString(files.kcatConfig())));

        assertThat(kcat)
                .containsEntry("bootstrap.servers", "localhost:19092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanisms", "SCRAM-SHA-512")
                .containsEntry("sasl.username", SecureKafkaFiles.CLIENT_USER)
                .containsEntry("sasl.password", files.security().users().get(SecureKafkaFiles.CLIENT_USER))
                .containsEntry(
                        "ssl.ca.location", data.resolve("secrets/tls/ca.crt").toString());
    }

    @Test
    void passwordsAndTheCaSurviveARestart() throws Exception {
        SecureKafkaFiles first = SecureKafkaFiles.prepare(settings());
        String ca = Files.readString(first.dir().resolve("tls/ca.crt"));

        SecureKafkaFiles second = SecureKafkaFiles.prepare(settings());

        assertThat(second.security().users()).isEqualTo(first.security().users());
        assertThat(Files.readString(second.dir().resolve("tls/ca.crt"))).isEqualTo(ca);
        assertThat(first.security().users().values())
                .doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).hasSizeGreaterThan(20));
    }

    @Test
    void theJobsSecretsFileNamesOnlyTheJobsUser() throws Exception {
        SecureKafkaFiles files = SecureKafkaFiles.prepare(settings());
        Properties job = new Properties();
        job.load(new StringReader(Files.readString(files.jobSecretsFile())));

        assertThat(job.getProperty("kafka.security.protocol")).isEqualTo("SASL_SSL");
        assertThat(job.getProperty("kafka.sasl.jaas.config"))
                .contains("username=\"" + SecureKafkaFiles.JOB_USER + "\"")
                .doesNotContain(files.security().users().get(SecureKafkaFiles.CLIENT_USER));
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

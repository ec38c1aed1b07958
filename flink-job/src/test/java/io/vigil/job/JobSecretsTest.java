package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSecretsTest {
    private static final String PASSWORD = "s3cret-for-this-test";
    private static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;

    @Test
    void kafkaKeysLoseTheirPrefixAndElasticsearchKeysAreRead() throws IOException {
        Files.writeString(dir.resolve("es-ca.crt"), CA_PEM);
        Path file = secretsFile("rw-------", """
                kafka.security.protocol=SASL_SSL
                kafka.sasl.mechanism=SCRAM-SHA-512
                es.username=vigil-writer
                es.password=%s
                es.ca-file=es-ca.crt
                unrelated=ignored
                """.formatted(PASSWORD));

        JobSecrets secrets = JobSecrets.load(file);

        assertThat(secrets.kafka())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"));
        assertThat(secrets.esUsername()).isEqualTo("vigil-writer");
        assertThat(secrets.esPassword()).isEqualTo(PASSWORD);
        assertThat(secrets.esCaPem()).isEqualTo(CA_PEM);
        assertThat(secrets.esAuthorization())
                .isEqualTo("Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(("vigil-writer:" + PASSWORD)
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(secrets.toString()).doesNotContain(PASSWORD, "SASL_SSL");
    }

    @Test
    void anOwnerOnlyFileIsAccepted() throws IOException {
        assertThat(JobSecrets.load(secretsFile("r--------", "es.username=u\n")).esUsername())
                .isEqualTo("u");
    }

    @Test
    void aFileOthersCanReadIsRefusedWithTheFix() throws IOException {
        Path file = secretsFile("rw-r--r--", "es.password=" + PASSWORD + "\n");
        assertThatThrownBy(() -> JobSecrets.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("owner-only")
                .hasMessageContaining("chmod 600 " + file)
                .message()
                .doesNotContain(PASSWORD);
    }

    @Test
    void aFileItsGroupCanReadIsRefused() throws IOException {
        Path file = secretsFile("rw-r-----", "es.password=x\n");
        assertThatThrownBy(() -> JobSecrets.load(file)).hasMessageContaining("rw-r-----");
    }

    @Test
    void theJobOptionNamesTheFileAndARefusalNamesTheOption() throws IOException {
        Path file = secretsFile("rw-rw-rw-", "es.password=x\n");
        assertThatThrownBy(() -> JobSecrets.of(JobOptions.fromArgs("--secrets.file", file.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--secrets.file: ");
    }

    @Test
    void withoutTheOptionThereAreNoSecrets() {
        JobSecrets none = JobSecrets.of(JobOptions.fromArgs());
        assertThat(none.kafka()).isEmpty();
        assertThat(none.esUsername()).isNull();
        assertThat(none.esCaPem()).isNull();
        assertThat(none.esAuthorization()).isNull();
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> JobSecrets.load(dir.resolve("nope.properties")))
                .hasMessageContaining("nope.properties");
    }

    private Path secretsFile(String mode, String content) throws IOException {
        Path file = dir.resolve("secrets-" + mode.replace('-', '_') + ".properties");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}

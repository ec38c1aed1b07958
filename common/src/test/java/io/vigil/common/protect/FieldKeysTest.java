package io.vigil.common.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldKeysTest {
    @TempDir
    Path dir;

    @Test
    void generatedFileIsOwnerOnlyAndLoads() throws IOException {
        Path file = dir.resolve("secrets/field-keys.properties");
        OwnerOnlyFiles.directory(file.getParent());
        FieldKeys.generate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        FieldKeys keys = FieldKeys.load(file);
        assertThat(keys.activeId()).isEqualTo("k1");
        assertThat(keys.toString())
                .doesNotContain(Files.readString(file)
                        .lines()
                        .filter(l -> l.startsWith("key.k1="))
                        .findFirst()
                        .orElseThrow()
                        .substring(7));
    }

    @Test
    void aFileOthersCanReadIsRefused() throws IOException {
        Path file = dir.resolve("keys.properties");
        FieldKeys.generate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> FieldKeys.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("owner only")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void rotationAddsAnActiveKeyAndKeepsOldValuesReadable() throws IOException {
        Path file = dir.resolve("keys.properties");
        FieldKeys.generate(file);
        FieldKeys before = FieldKeys.load(file);
        String old = new FieldCipher(before).encrypt("user.name", "alice");
        String oldHash = new KeyedHash(before).of(KeyedHash.FIELD_VALUES, "alice");

        String id = FieldKeys.rotate(file);

        FieldKeys after = FieldKeys.load(file);
        assertThat(id).isEqualTo("k2");
        assertThat(after.activeId()).isEqualTo("k2");
        FieldCipher cipher = new FieldCipher(after);
        String fresh = cipher.encrypt("user.name", "alice");
        assertThat(FieldCipher.keyIdOf(old)).isEqualTo("k1");
        assertThat(FieldCipher.keyIdOf(fresh)).isEqualTo("k2");
        assertThat(cipher.decrypt("user.name", old)).isEqualTo("alice");
        assertThat(cipher.decrypt("user.name", fresh)).isEqualTo("alice");
        assertThat(new KeyedHash(after).of(KeyedHash.FIELD_VALUES, "alice")).isEqualTo(oldHash);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void inlineKeysFromTheEnvironment() throws IOException {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        FieldKeys keys = FieldKeys.fromEnvironment(
                        Map.of(FieldKeys.ENV_INLINE, "active=a;key.a=" + key + ";hash=" + key))
                .orElseThrow();

        assertThat(keys.activeId()).isEqualTo("a");
        assertThat(FieldKeys.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void brokenKeysSayWhatIsWrong() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> FieldKeys.parse("active=k9\nkey.k1=" + key + "\nhash=" + key))
                .hasMessageContaining("'active' must name one of the keys [k1]");
        assertThatThrownBy(() -> FieldKeys.parse("active=k1\nkey.k1=" + key)).hasMessageContaining("no 'hash' key");
        assertThatThrownBy(() -> FieldKeys.parse("active=k1\nkey.k1=c2hvcnQ=\nhash=" + key))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> FieldKeys.parse("active=k1\nkey.k1=%%%\nhash=" + key))
                .hasMessageContaining("not base64");
    }
}

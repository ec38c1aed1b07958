package io.vigil.job.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.YamlBombs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectionConfigTest {
    @TempDir
    Path dir;

    @Test
    void theShippedFileEncryptsUserNamesAndKeepsTheBuiltIns() throws IOException {
        ProtectionConfig config = ProtectionConfig.load(Path.of("../rules/protection.yml"));

        assertThat(config.encryptedFields()).contains("user.name", "process.command_line");
        assertThat(config.patterns())
                .extracting(SecretPattern::name)
                .contains("credential", "card-number", "private-key");
    }

    @Test
    void addedPatternsComeFirstAndRedact() throws IOException {
        Path file = dir.resolve("protection.yml");
        Files.writeString(file, "redact:\n  - name: employee-id\n    pattern: '\\bEMP-(\\d{6})\\b'\n    secret: 1\n");

        ProtectionConfig config = ProtectionConfig.load(file);

        assertThat(config.patterns().get(0).name()).isEqualTo("employee-id");
        assertThat(new SecretRedactor(config.patterns(), null).redact("badge EMP-123456 used"))
                .isEqualTo("badge EMP-[REDACTED:employee-id] used");
    }

    @Test
    void anAddedPatternMayNameTheDigitRunItNeeds() throws IOException {
        Path file = dir.resolve("protection.yml");
        Files.writeString(file, "redact:\n  - name: account\n    pattern: '\\b\\d{4}-\\d{4}\\b'\n    digit-run: 8\n");

        SecretRedactor redactor = new SecretRedactor(ProtectionConfig.load(file).patterns(), null);

        assertThat(redactor.redact("account 1234-5678 charged")).isEqualTo("account [REDACTED:account] charged");
        // the pattern would take 1234-5678 out of 12345678, but the text's run is 8 digits either way,
        // and a run of 7 is skipped without trying the pattern
        assertThat(redactor.redact("account 1234-567 charged")).isEqualTo("account 1234-567 charged");
    }

    @Test
    void mistakesNameTheFileAndTheProblem() throws IOException {
        Path file = dir.resolve("protection.yml");
        Files.writeString(file, "redact:\n  - name: broken\n    pattern: '(unclosed'\n");
        assertThatThrownBy(() -> ProtectionConfig.load(file))
                .hasMessageContaining("protection.yml")
                .hasMessageContaining("pattern 'broken'");

        // Java runs a backreference; RE2 cannot in linear time, so an operator's pattern may not use one
        Files.writeString(file, "redact:\n  - name: repeated\n    pattern: '(\\w+) \\1'\n");
        assertThatThrownBy(() -> ProtectionConfig.load(file))
                .hasMessageContaining("pattern 'repeated': invalid escape sequence")
                .hasMessageContaining("no backreferences");

        Files.writeString(file, "redact:\n  - name: g\n    pattern: 'a(b)'\n    secret: 2\n");
        assertThatThrownBy(() -> ProtectionConfig.load(file)).hasMessageContaining("secret group 2 does not exist");

        Files.writeString(file, "redact:\n  - name: r\n    pattern: '\\d+'\n    digit-run: many\n");
        assertThatThrownBy(() -> ProtectionConfig.load(file))
                .hasMessageContaining("pattern 'r': digit-run must be a whole number, 0 or more: many");

        Files.writeString(file, "redact:\n  - just a string\n");
        assertThatThrownBy(() -> ProtectionConfig.load(file))
                .hasMessage(file + ": each pattern must be a map with name and pattern");

        Files.writeString(file, "encrypted: [user.name]\n");
        assertThatThrownBy(() -> ProtectionConfig.load(file)).hasMessageContaining("unknown key 'encrypted'");
    }

    /** 48 aliases, each doubling the one before, in a key the loader ignores: it loaded under SnakeYAML's 50. */
    @Test
    void anAliasBombIsRefusedWithTheFileAndTheReason() throws IOException {
        Path file = dir.resolve("protection.yml");
        Files.writeString(
                file, "redact:\n  - name: n\n    pattern: 'n'\n    laughs:\n" + YamlBombs.aliasBomb("      "));
        assertThatThrownBy(() -> ProtectionConfig.load(file))
                .hasMessageStartingWith(file + ": not valid YAML:")
                .hasMessageContaining("aliases");
    }

    @Test
    void noFileMeansTheBuiltInsOnly() throws IOException {
        ProtectionConfig config = ProtectionConfig.load(dir.resolve("absent.yml"));

        assertThat(config.encryptedFields()).isEmpty();
        assertThat(config.patterns()).isNotEmpty();
    }
}

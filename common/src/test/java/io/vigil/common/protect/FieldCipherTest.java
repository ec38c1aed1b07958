package io.vigil.common.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class FieldCipherTest {
    private final FieldKeys keys = FieldKeys.parse("active=k1\nkey.k1=" + random() + "\nhash=" + random());
    private final FieldCipher cipher = new FieldCipher(keys);

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        String a = cipher.encrypt("user.name", "alice");
        String b = cipher.encrypt("user.name", "alice");

        assertThat(a).startsWith("v1:k1:").doesNotContain("alice").isNotEqualTo(b);
        assertThat(cipher.decrypt("user.name", a)).isEqualTo("alice");
        assertThat(cipher.decrypt("user.name", cipher.encrypt("user.name", "ünïcødé ✓")))
                .isEqualTo("ünïcødé ✓");
    }

    @Test
    void aCiphertextMovedToAnotherFieldOrTamperedWithDoesNotDecrypt() {
        String token = cipher.encrypt("user.name", "alice");
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThatThrownBy(() -> cipher.decrypt("process.command_line", token))
                .hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> cipher.decrypt("user.name", tampered)).hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> cipher.decrypt("user.name", "v1:k7:AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("user.name", "alice")).hasMessageContaining("not a field token");
    }

    @Test
    void keyedHashIsStablePerKeyAndSeparatedByDomain() {
        KeyedHash hash = new KeyedHash(keys);
        KeyedHash otherKey = new KeyedHash(FieldKeys.parse("active=k1\nkey.k1=" + random() + "\nhash=" + random()));

        assertThat(hash.of(KeyedHash.FIELD_VALUES, "alice"))
                .isEqualTo(hash.of(KeyedHash.FIELD_VALUES, "alice"))
                .hasSize(22);
        assertThat(hash.of(KeyedHash.FIELD_VALUES, "alice")).isNotEqualTo(hash.of(KeyedHash.FIELD_VALUES, "alicf"));
        assertThat(hash.of(KeyedHash.FIELD_VALUES, "alice")).isNotEqualTo(hash.of(KeyedHash.SECRETS, "alice"));
        assertThat(hash.of(KeyedHash.FIELD_VALUES, "alice")).isNotEqualTo(otherKey.of(KeyedHash.FIELD_VALUES, "alice"));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}

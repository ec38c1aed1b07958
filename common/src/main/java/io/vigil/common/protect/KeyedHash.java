package io.vigil.common.protect;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * HMAC-SHA256 of a value under the keys' hash key, truncated to 128 bits and base64url: equal
 * values give equal hashes, so protected values can still be searched exactly, grouped and
 * correlated, while nobody without the key can test guesses against them (a plain hash of a user
 * name is reversed by trying names). A domain separates uses: a redacted password and an
 * encrypted user name that happen to be equal do not hash equally.
 *
 * <p>Not thread-safe (it reuses its {@link Mac}): one instance per operator or thread.
 */
public final class KeyedHash {
    /** Domain of protected field values (the same for every field, so values correlate across fields). */
    public static final String FIELD_VALUES = "field";
    /** Domain of redacted secrets. */
    public static final String SECRETS = "secret";

    private static final int BYTES = 16;

    private final Mac mac;

    public KeyedHash(FieldKeys keys) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.hashKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256", e);
        }
    }

    public String of(String domain, String value) {
        mac.update(domain.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, BYTES));
    }
}

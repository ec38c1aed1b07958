package io.vigil.common.protect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts one field value with AES-256-GCM (the JDK's own implementation: authenticated, and
 * hardware-accelerated on every current CPU). The token names its key, so values written under an
 * older key stay readable after a rotation:
 * <pre>v1:&lt;key id&gt;:&lt;base64url(12-byte random IV ‖ ciphertext ‖ 16-byte tag)&gt;</pre>
 * The field name is the associated data: a ciphertext copied into another field does not decrypt.
 * Random IVs are safe far beyond what one key will see (NIST's limit is 2^32 values per key;
 * rotate long before).
 *
 * <p>Not thread-safe (it reuses its {@link Cipher}): one instance per operator or thread.
 */
public final class FieldCipher {
    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final FieldKeys keys;
    private final Cipher cipher;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(FieldKeys keys) {
        this.keys = keys;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no AES-GCM", e);
        }
    }

    /** Whether the text has the shape of a token (not whether it decrypts). */
    public static boolean isToken(String text) {
        return text != null && text.startsWith(VERSION + ":") && text.indexOf(':', VERSION.length() + 1) > 0;
    }

    public String encrypt(String field, String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, keys.encryptionKey(keys.activeId()), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(IV_BYTES + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
            return VERSION + ":" + keys.activeId() + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * The clear value of a token written for this field.
     *
     * @throws IllegalArgumentException when the token is malformed, names an unknown key, or does
     *                                  not authenticate (tampered, or copied from another field)
     */
    public String decrypt(String field, String token) {
        if (!isToken(token)) {
            throw new IllegalArgumentException("not a field token");
        }
        int second = token.indexOf(':', VERSION.length() + 1);
        String keyId = token.substring(VERSION.length() + 1, second);
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(token.substring(second + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("token is not base64url", e);
        }
        if (in.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("token too short");
        }
        try {
            cipher.init(
                    Cipher.DECRYPT_MODE, keys.encryptionKey(keyId), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("token does not authenticate for field " + field, e);
        }
    }

    /** The key id a token was written under. */
    public static String keyIdOf(String token) {
        if (!isToken(token)) {
            throw new IllegalArgumentException("not a field token");
        }
        return token.substring(VERSION.length() + 1, token.indexOf(':', VERSION.length() + 1));
    }
}

package io.vigil.query.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** bcrypt hashing of user passwords, and generation of first-start passwords. */
public final class Passwords {
    /** About 250 ms per hash on this project's 2-core machines: slow for guessing, fine for logins. */
    public static final int COST = 12;
    /** bcrypt uses at most 72 bytes of a password; longer ones are refused, not silently cut. */
    public static final int MAX_BYTES = 72;
    /** Shortest password accepted for any user, admin included (VIGIL_ADMIN_PASSWORD, ./vigil user add). */
    public static final int MIN_LENGTH = 12;

    // No 0/O, 1/l/I: a generated password is read off a terminal and typed in.
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    /** Throws IllegalArgumentException (message names no secret) when the password is unusable. */
    public static void requireUsable(String password, int minLength) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password is empty");
        }
        if (password.length() < minLength) {
            throw new IllegalArgumentException("the password must have at least " + minLength + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("the password must be at most " + MAX_BYTES + " bytes (bcrypt's limit)");
        }
    }

    public static String hash(String password) {
        requireUsable(password, 1);
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /** True when the password matches the bcrypt hash; false for anything malformed. */
    public static boolean verify(String password, String hash) {
        if (password == null || hash == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        try {
            return BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified;
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }

    /** A random password of the given length from an unambiguous 57-letter alphabet. */
    public static String generate(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}

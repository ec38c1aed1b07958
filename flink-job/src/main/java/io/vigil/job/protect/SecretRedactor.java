package io.vigil.job.protect;

import io.vigil.common.protect.KeyedHash;
import java.util.List;
import java.util.Locale;

/**
 * Replaces every secret a pattern finds in a text with {@code [REDACTED:<name>:<hash>]}, the hash
 * being the first 12 characters of the secret's keyed hash: equal secrets keep correlating (the
 * same leaked token on two hosts) while the stored text holds neither the secret nor anything a
 * guess could be tested against. Without keys the marker carries no hash.
 *
 * <p>Not thread-safe (the keyed hash reuses its Mac): one per operator.
 */
public final class SecretRedactor {
    private static final int HASH_CHARS = 12;
    private static final int CARD_MIN_DIGITS = 13;

    private final SecretPattern[] patterns;
    private final boolean anyHints;
    private final KeyedHash hash;

    /** @param hash null when no keys are configured: markers then carry no hash */
    public SecretRedactor(List<SecretPattern> patterns, KeyedHash hash) {
        this.patterns = patterns.toArray(new SecretPattern[0]);
        this.anyHints = patterns.stream().anyMatch(p -> !p.hints().isEmpty());
        this.hash = hash;
    }

    /** The text with its secrets replaced; the same instance when it held none. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String lower = anyHints ? text.toLowerCase(Locale.ROOT) : null;
        int digits = -1;
        String result = text;
        for (SecretPattern pattern : patterns) {
            if (!pattern.hints().isEmpty() && !containsAny(lower, pattern.hints())) {
                continue;
            }
            if (pattern.cardCheck()) {
                if (digits < 0) {
                    digits = countDigits(text);
                }
                if (digits < CARD_MIN_DIGITS) {
                    continue;
                }
            }
            result = redact(result, pattern);
        }
        return result;
    }

    private String redact(String text, SecretPattern pattern) {
        TextPattern.Scan m = pattern.pattern().scan(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            int group = pattern.secretGroup();
            if (m.start(group) < 0) {
                continue;
            }
            String secret = text.substring(m.start(group), m.end(group));
            if (pattern.cardCheck() && !CardNumbers.looksLikeCard(secret)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 32);
            }
            out.append(text, copied, m.start(group)).append(marker(pattern.name(), secret));
            copied = m.end(group);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private String marker(String name, String secret) {
        if (hash == null) {
            return "[REDACTED:" + name + "]";
        }
        return "[REDACTED:" + name + ":" + hash.of(KeyedHash.SECRETS, secret).substring(0, HASH_CHARS) + "]";
    }

    private static boolean containsAny(String lower, List<String> hints) {
        for (String hint : hints) {
            if (lower.contains(hint)) {
                return true;
            }
        }
        return false;
    }

    private static int countDigits(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }
}

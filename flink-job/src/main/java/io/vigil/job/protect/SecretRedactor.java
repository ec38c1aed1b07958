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
    /** Matches skipped for taking in a marker after which the search resumes after the match. */
    private static final int MAX_MARKER_SKIPS = 64;
    /** How every marker starts; it ends at the next ']'. */
    private static final String MARKER = "[REDACTED:";

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
        int digitRun = -1;
        String result = text;
        for (SecretPattern pattern : patterns) {
            if (!pattern.hints().isEmpty() && !containsAny(lower, pattern.hints())) {
                continue;
            }
            if (pattern.digitRun() > 0) {
                if (digitRun < 0) {
                    digitRun = DigitRuns.longest(text);
                }
                if (digitRun < pattern.digitRun()) {
                    continue;
                }
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

    /**
     * One pattern over the text. Redacting again changes nothing (RedactionProperties): no secret
     * takes in a marker already in the text (markers hold ':' and '[', which some patterns take, so
     * a marker could otherwise become part of a new "secret", or hide one a second pass would then
     * find); and a card
     * candidate is cut to its longest start that is a card, or searched again from its next
     * character, so a valid number inside a longer invalid run is found now rather than once its
     * neighbour was redacted. Both keep the scan linear: the retries are bounded by a card
     * candidate's length (at most 37 characters).
     */
    private String redact(String text, SecretPattern pattern) {
        TextPattern.Scan m = pattern.pattern().scan(text);
        StringBuilder out = null;
        int copied = 0;
        int group = pattern.secretGroup();
        int[] markers = null;
        int skips = 0;
        boolean found = m.find();
        while (found) {
            int start = m.start(group);
            int end = m.end(group);
            if (start < 0) {
                found = m.find();
                continue;
            }
            if (markers == null) {
                markers = markers(text);
            }
            int marker = firstOverlap(markers, start, end);
            if (marker >= 0) {
                // A secret never takes in a marker (the built-in patterns stop before one; this is
                // for protection.yml's): skip the match, and search on right after the marker, where
                // a second pass would look too. Past MAX_MARKER_SKIPS such skips the search goes on
                // after the match instead, so that a text dense in markers stays linear.
                int resume = ++skips <= MAX_MARKER_SKIPS ? markers[2 * marker + 1] : Math.max(m.end(0), start + 1);
                found = resume < text.length() && m.find(resume);
                continue;
            }
            String secret = text.substring(start, end);
            boolean whole = true;
            if (pattern.cardCheck()) {
                int card = CardNumbers.longestCardPrefix(secret);
                if (card < 0) {
                    found = m.find(m.start(0) + 1);
                    continue;
                }
                whole = card == secret.length();
                end = start + card;
                secret = secret.substring(0, card);
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 32);
            }
            out.append(text, copied, start).append(marker(pattern.name(), secret));
            copied = end;
            found = whole ? m.find() : m.find(end);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** Start and end (exclusive) of every marker in the text, in order: {s0, e0, s1, e1, ...}. */
    private static int[] markers(String text) {
        int[] spans = new int[8];
        int n = 0;
        int at = text.indexOf(MARKER);
        while (at >= 0) {
            int close = text.indexOf(']', at);
            if (close < 0) {
                break;
            }
            if (n == spans.length) {
                spans = java.util.Arrays.copyOf(spans, n * 2);
            }
            spans[n++] = at;
            spans[n++] = close + 1;
            at = text.indexOf(MARKER, close + 1);
        }
        return java.util.Arrays.copyOf(spans, n);
    }

    /** The index of the first marker sharing a character with [start, end), or -1. */
    private static int firstOverlap(int[] markers, int start, int end) {
        int lo = 0;
        int hi = markers.length / 2;
        while (lo < hi) { // the first marker ending after start
            int mid = (lo + hi) >>> 1;
            if (markers[2 * mid + 1] <= start) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < markers.length / 2 && markers[2 * lo] < end ? lo : -1;
    }

    private String marker(String name, String secret) {
        if (hash == null) {
            return MARKER + name + "]";
        }
        return MARKER + name + ":" + hash.of(KeyedHash.SECRETS, secret).substring(0, HASH_CHARS) + "]";
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

package io.vigil.detection.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Alert ids that a replay reproduces: a hash of the rule id, the group key and the window of
 * the first evidence event, where windows are {@code suppress} long and aligned to the epoch.
 * A later episode of the same rule and group starts at least {@code suppress} after the
 * previous one began, so it always gets another window and another id.
 */
public final class AlertIds {
    private AlertIds() {}

    public static String of(String ruleId, String groupKey, long firstSeen, Duration suppress) {
        long width = Math.max(1, suppress.toMillis());
        long window = Math.floorDiv(firstSeen, width) * width;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((ruleId + "\n" + groupKey + "\n" + window).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

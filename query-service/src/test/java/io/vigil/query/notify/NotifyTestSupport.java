package io.vigil.query.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.query.testing.FakeReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the notification tests share: writing the channel and secrets files, reading what receivers got. */
final class NotifyTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SLACK_LINK = Pattern.compile("/ui/alerts/([^|>\"\\s]+)\\|");

    private NotifyTestSupport() {}

    /**
     * The notifier at test speed: it polls every 200 ms and retries from 200 ms up to 1 s apart,
     * {@code maxAttempts} tries in all, so a retry or a dead letter shows within seconds.
     */
    static Map<String, String> quickRetries(int maxAttempts) {
        return Map.of(
                "vigil.notifications.poll-interval", "200ms",
                "vigil.notifications.initial-backoff", "200ms",
                "vigil.notifications.max-backoff", "1s",
                "vigil.notifications.max-attempts", Integer.toString(maxAttempts));
    }

    /** Thread.sleep for the tests: an interrupt fails the test rather than being swallowed. */
    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void writeChannels(Path dataDir, String yaml, Map<String, String> secrets) {
        try {
            Files.writeString(dataDir.resolve("notifications.yml"), yaml);
            StringBuilder s = new StringBuilder();
            secrets.forEach((k, v) -> s.append(k).append(": \"").append(v).append("\"\n"));
            Path file = dataDir.resolve("secrets.yml");
            Files.writeString(file, s.toString());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** The alert ids a Slack message links to, one per alert it carries. */
    static List<String> slackAlertIds(FakeReceiver.Received message) {
        List<String> ids = new ArrayList<>();
        Matcher m = SLACK_LINK.matcher(message.body());
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    static List<String> slackAlertIds(List<FakeReceiver.Received> messages) {
        List<String> ids = new ArrayList<>();
        messages.forEach(m -> ids.addAll(slackAlertIds(m)));
        return ids;
    }

    static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

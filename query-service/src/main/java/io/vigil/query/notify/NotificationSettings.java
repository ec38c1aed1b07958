package io.vigil.query.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the notifier runs ({@code vigil.notifications.*}, see application.yml for the environment
 * variables). The channels themselves are in the channels file ({@link ChannelsFile}). Holds the
 * generic webhook's URL and HMAC secret from the environment, so it has no toString.
 */
@ConfigurationProperties("vigil.notifications")
public class NotificationSettings {
    private boolean enabled = true;
    private String file;
    private String secretsFile;
    private String webhookUrl;
    private String webhookMinSeverity = "HIGH";
    private String webhookSecret;
    /** How often new and changed alerts are looked for (and how long an idle channel sleeps). */
    private Duration pollInterval = Duration.ofSeconds(1);
    /**
     * How often every alert active within {@link #lookback} is checked again, whatever its
     * position: catches an alert whose write became searchable after a later one's.
     */
    private Duration rescanInterval = Duration.ofMinutes(1);
    /** Alerts neither seen nor changed within this are never notified (no paging about yesterday). */
    private Duration lookback = Duration.ofHours(24);
    /** A claim in "sending" older than this is taken over (its sender died). */
    private Duration lease = Duration.ofMinutes(2);
    /** Default time limit of one HTTP request to a receiver (a channel may set its own). */
    private Duration timeout = Duration.ofSeconds(10);
    /** Sends per notification, the first included; then it becomes a dead letter. */
    private int maxAttempts = 10;

    private Duration initialBackoff = Duration.ofSeconds(2);
    private Duration maxBackoff = Duration.ofMinutes(5);
    /** A receiver's Retry-After is honoured up to this. */
    private Duration maxRetryAfter = Duration.ofHours(1);

    /** The channels file: {@code file}, or {@code notifications.yml} in the data directory. */
    Path channelsFile(Path dataDir) {
        return file == null || file.isBlank() ? dataDir.resolve("notifications.yml") : Path.of(file.trim());
    }

    /** The secrets file: {@code secrets-file}, or {@code secrets.yml} in the data directory. */
    Path secretsFile(Path dataDir) {
        return secretsFile == null || secretsFile.isBlank()
                ? dataDir.resolve("secrets.yml")
                : Path.of(secretsFile.trim());
    }

    /** {@code VIGIL_WEBHOOK_URL}, or null when unset or empty. */
    String webhookUrlOrNull() {
        return webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.trim();
    }

    /** {@code VIGIL_WEBHOOK_SECRET}, or null when unset or empty. */
    String webhookSecretOrNull() {
        return webhookSecret == null || webhookSecret.isEmpty() ? null : webhookSecret;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    public String getSecretsFile() {
        return secretsFile;
    }

    public void setSecretsFile(String secretsFile) {
        this.secretsFile = secretsFile;
    }

    public void setWebhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    public String getWebhookMinSeverity() {
        return webhookMinSeverity;
    }

    public void setWebhookMinSeverity(String webhookMinSeverity) {
        this.webhookMinSeverity = webhookMinSeverity;
    }

    public void setWebhookSecret(String webhookSecret) {
        this.webhookSecret = webhookSecret;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getRescanInterval() {
        return rescanInterval;
    }

    public void setRescanInterval(Duration rescanInterval) {
        this.rescanInterval = rescanInterval;
    }

    public Duration getLookback() {
        return lookback;
    }

    public void setLookback(Duration lookback) {
        this.lookback = lookback;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }
}

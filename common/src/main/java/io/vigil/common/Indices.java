package io.vigil.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names of Vigil's Elasticsearch indices for one index prefix (default {@value #DEFAULT_PREFIX}).
 *
 * <p>Logs go to daily indices {@code PREFIX-logs-yyyy.MM.dd}, chosen by the event's own time so
 * that a replayed record lands in the same index under the same id; readers use the alias
 * {@code PREFIX-logs} that the template puts on every daily index.
 *
 * <p>Serializable (it holds only the prefix) so that a sink's emitter can carry its names into
 * the task.
 */
public final class Indices implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final String DEFAULT_PREFIX = "vigil";

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private final String prefix;

    public Indices(String prefix) {
        if (prefix == null || !prefix.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException(
                    "index prefix must be lower-case letters, digits, '-' or '_': " + prefix);
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** Alias over every daily log index: what readers query. */
    public String logsAlias() {
        return prefix + "-logs";
    }

    /** Pattern matching every daily log index (template pattern, retention). */
    public String logsPattern() {
        return prefix + "-logs-*";
    }

    /** The daily log index that holds an event of the given time. */
    public String logsIndexFor(long epochMillis) {
        return prefix + "-logs-" + DAY.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The day a daily log index holds, or empty when the name is not one of this prefix's. */
    public java.util.Optional<java.time.LocalDate> logsIndexDay(String index) {
        String head = prefix + "-logs-";
        if (!index.startsWith(head)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(java.time.LocalDate.parse(
                    index.substring(head.length()), DateTimeFormatter.ofPattern("yyyy.MM.dd")));
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    public String alerts() {
        return prefix + "-alerts";
    }

    public String deadLetters() {
        return prefix + "-dlq";
    }

    /** The loaded rules' metadata, written by the job when it starts (hit counts come from alerts). */
    public String rules() {
        return prefix + "-rules";
    }

    /** Every status change of an alert, written by the query service. */
    public String alertHistory() {
        return prefix + "-alert-history";
    }

    /**
     * Alert notifications, written by the query service: one document per channel and alert (the
     * claim made before sending, then its delivery state), PagerDuty resolves and dead letters.
     */
    public String notifications() {
        return prefix + "-notifications";
    }

    /** Metric rollups of one window size: {@code 1m} or {@code 1h}. */
    public String metrics(String interval) {
        if (!interval.equals("1m") && !interval.equals("1h")) {
            throw new IllegalArgumentException("rollup interval must be 1m or 1h: " + interval);
        }
        return prefix + "-metrics-" + interval;
    }
}

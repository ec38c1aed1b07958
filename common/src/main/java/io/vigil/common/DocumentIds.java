package io.vigil.common;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of a log's document (and of its dead letter): deterministic, so a replayed record
 * overwrites itself and never duplicates. It is the record's Kafka timestamp as {@value
 * #TIME_DIGITS} hex digits, then {@code topic-partition-offset}, which alone makes it unique:
 * {@code 19ac3b2e1f0-threat-logs-0-42}.
 *
 * <p>The time comes first so that ids grow as records arrive. Elasticsearch looks every id it
 * indexes up in each segment of the index, and rejects an id beyond a segment's largest with two
 * comparisons instead of a search of the segment's terms. With ids that started with the topic,
 * every segment held ids on both sides of a new one (issue 18: 42-48 µs of Elasticsearch CPU per
 * document of the bench, 37 with the time first). A producer's odd timestamp costs only that
 * speed; times before 1970 or after the year 2527 are clamped.
 */
public final class DocumentIds {
    private static final int TIME_DIGITS = 11;
    private static final long MAX_TIME = (1L << (4 * TIME_DIGITS)) - 1;
    private static final Pattern LAYOUT = Pattern.compile("[0-9a-f]{" + TIME_DIGITS + "}-(.+)-(\\d{1,9})-(\\d{1,18})");

    /** Where a record was read: what a log document's id says of it. */
    public record Origin(String topic, int partition, long offset) {}

    private DocumentIds() {}

    /** The id of the record read at this place, stamped by Kafka at {@code kafkaTimestamp}. */
    public static String of(String topic, int partition, long offset, long kafkaTimestamp) {
        StringBuilder id = new StringBuilder(TIME_DIGITS + topic.length() + 24);
        long time = Math.max(0, Math.min(kafkaTimestamp, MAX_TIME));
        for (int shift = 4 * (TIME_DIGITS - 1); shift >= 0; shift -= 4) {
            id.append(Character.forDigit((int) (time >>> shift) & 0xf, 16));
        }
        return id.append('-')
                .append(topic)
                .append('-')
                .append(partition)
                .append('-')
                .append(offset)
                .toString();
    }

    /**
     * Where the record of a log document's id was read, or empty for any other id (a rollup's, an
     * alert's, or a log's stored before this layout): what a dead letter of a document
     * Elasticsearch refused says of its origin.
     */
    public static Optional<Origin> origin(String id) {
        Matcher m = id == null ? null : LAYOUT.matcher(id);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Origin(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3))));
    }
}

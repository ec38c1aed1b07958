package io.vigil.common;

import java.util.Map;

/**
 * The message of a metric sample sent without one: a line rendered from its numbers, "cpu 93.5%,
 * memory 87.5%, network in 120000 B/s out 5400000 B/s".
 *
 * <p>Such a line says nothing the numbers beside it do not, so the log indices do not store it
 * (issue 18): indexing it as text cost Elasticsearch about a tenth of its CPU per document over
 * the bench's mix, where seven records in ten are metric samples (6 to 27 %, median 11 %, in five
 * interleaved pairs of loads of 300,000 documents each; a sixth pair, 64 against 32 µs, ran while
 * builds loaded the machine and is left out), and 15 % of the index's size (numbers make poor
 * words: nearly every rate is a term of its own). The job leaves a metric
 * document's message out exactly when it is this rendering of the document's own numbers
 * ({@link #isRendering}); every reader of stored logs renders it back ({@link #restore} for the
 * API, the backtest's {@code StoredEvents}), so an answer holds the same message as before. What
 * changes: a full-text search ({@code q=}) no longer finds metric samples by these words.
 *
 * <p>Built by hand: with {@code String.format} this line cost more than parsing the whole sample
 * (JMH, {@code vigil bench --jmh}).
 */
public final class MetricSummary {
    private MetricSummary() {}

    /** The line for these numbers; each part only when its number is there. */
    public static String of(Double cpu, Double memoryPercentage, Double networkIn, Double networkOut) {
        StringBuilder s = new StringBuilder(64);
        if (cpu != null) {
            s.append("cpu ").append(oneDecimal(cpu)).append('%');
        }
        if (memoryPercentage != null) {
            s.append(s.length() > 0 ? ", " : "")
                    .append("memory ")
                    .append(oneDecimal(memoryPercentage))
                    .append('%');
        }
        if (networkIn != null || networkOut != null) {
            s.append(s.length() > 0 ? ", " : "")
                    .append("network in ")
                    .append(Math.round(networkIn == null ? 0.0 : networkIn))
                    .append(" B/s out ")
                    .append(Math.round(networkOut == null ? 0.0 : networkOut))
                    .append(" B/s");
        }
        return s.toString();
    }

    public static String of(LogEvent e) {
        return of(e.cpuUsage, e.memoryPercentage, e.networkIn, e.networkOut);
    }

    /**
     * Whether the event is a metric sample whose message is the rendering of its numbers, so its
     * stored document can leave the message out. Only finite numbers: they are what a reader
     * parses back to the same values.
     */
    public static boolean isRendering(LogEvent e) {
        return Fields.KIND_METRIC.equals(e.kind)
                && finite(e.cpuUsage)
                && finite(e.memoryPercentage)
                && finite(e.networkIn)
                && finite(e.networkOut)
                && of(e).equals(e.message);
    }

    /**
     * A stored log document as read (nested maps): a metric sample without a message gets its
     * rendering back; anything else is returned as it is.
     */
    public static Map<String, Object> restore(Map<String, Object> document) {
        if (Fields.KIND_METRIC.equals(document.get(Fields.KIND)) && !document.containsKey(Fields.MESSAGE)) {
            document.put(
                    Fields.MESSAGE,
                    of(
                            number(document, Fields.CPU_USAGE),
                            number(nested(document, Fields.MEMORY_USAGE), Fields.MEMORY_PERCENTAGE),
                            number(nested(document, Fields.NETWORK), Fields.NET_IN),
                            number(nested(document, Fields.NETWORK), Fields.NET_OUT)));
        }
        return document;
    }

    /** A percentage (0..100) with one decimal, rounded half up. */
    private static String oneDecimal(double value) {
        long tenths = Math.round(value * 10);
        return (tenths / 10) + "." + (tenths % 10);
    }

    private static boolean finite(Double value) {
        return value == null || Double.isFinite(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> document, String name) {
        return document.get(name) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Double number(Map<String, Object> document, String name) {
        return document.get(name) instanceof Number n ? n.doubleValue() : null;
    }
}
